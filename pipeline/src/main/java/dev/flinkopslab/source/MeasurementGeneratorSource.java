package dev.flinkopslab.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The embedded stand-in for the "measurements" Kafka topic, on Flink's FLIP-27 {@link Source} API: one
 * split per partition, per-split offsets in checkpoints, per-split watermarks (through
 * {@code createOutputForSplit}), deterministic content for a seed. See {@link GeneratorConfig}.
 */
public final class MeasurementGeneratorSource
        implements Source<SourceRecord, PartitionSplit, Collection<PartitionSplit>>, ResultTypeQueryable<SourceRecord> {
    private static final long serialVersionUID = 1L;

    private final GeneratorConfig config;

    public MeasurementGeneratorSource(GeneratorConfig config) {
        this.config = config;
    }

    public GeneratorConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return config.bounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<PartitionSplit, Collection<PartitionSplit>> createEnumerator(
            SplitEnumeratorContext<PartitionSplit> context) {
        long origin = config.resolveOrigin(System.currentTimeMillis());
        List<PartitionSplit> splits = new ArrayList<>(config.partitions());
        for (int p = 0; p < config.partitions(); p++) {
            long end = config.bounded() ? config.recordsInPartition(p) : GeneratorConfig.UNBOUNDED;
            splits.add(new PartitionSplit(p, 0, end, origin));
        }
        return new PartitionAssigner(context, splits);
    }

    @Override
    public SplitEnumerator<PartitionSplit, Collection<PartitionSplit>> restoreEnumerator(
            SplitEnumeratorContext<PartitionSplit> context, Collection<PartitionSplit> checkpoint) {
        return new PartitionAssigner(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<PartitionSplit> getSplitSerializer() {
        return PartitionSplit.Serializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<Collection<PartitionSplit>> getEnumeratorCheckpointSerializer() {
        return new PartitionAssigner.StateSerializer();
    }

    @Override
    public SourceReader<SourceRecord, PartitionSplit> createReader(SourceReaderContext readerContext) {
        return new GeneratorReader(config);
    }

    @Override
    public TypeInformation<SourceRecord> getProducedType() {
        return TypeInformation.of(SourceRecord.class);
    }
}

package dev.flinkopslab.exercises.watermarks;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.source.MeasurementRecordGenerator;
import dev.flinkopslab.source.SourceRecord;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.RelativeClock;
import org.apache.flink.util.clock.SystemClock;

/**
 * Runs a watermark strategy over one partition's records with a known out-of-orderness (the generator's, up to
 * {@link GeneratorConfig#outOfOrdernessMs()}) and counts the records that arrive after the watermark has passed
 * the end of their window — the records a window operator drops as late. The watermark is emitted after every
 * record, the worst case: in a job, a watermark interval (200 ms by default) can hide a bound that is too
 * small, until the interval changes or the data arrives a little differently.
 */
@DoNotChangeThis("the check counts late records of your watermark strategy through this harness")
final class LateRecordsHarness {
    private LateRecordsHarness() {}

    record Outcome(long records, long late) {}

    static Outcome run(WatermarkStrategy<SourceRecord> strategy, GeneratorConfig data, int partitions,
                       long recordsPerPartition, long windowMs) {
        MetricGroup metrics = new UnregisteredMetricsGroup();
        MeasurementRecordGenerator generator = new MeasurementRecordGenerator(data);
        long origin = GeneratorConfig.DEFAULT_BOUNDED_ORIGIN;
        long records = 0;
        long late = 0;
        for (int p = 0; p < partitions; p++) {
            TimestampAssigner<SourceRecord> assigner = strategy.createTimestampAssigner(
                    (TimestampAssignerSupplier.Context) () -> metrics);
            WatermarkGenerator<SourceRecord> watermarks = strategy.createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
                @Override
                public MetricGroup getMetricGroup() {
                    return metrics;
                }

                @Override
                public RelativeClock getInputActivityClock() {
                    return SystemClock.getInstance();
                }
            });
            LatestWatermark output = new LatestWatermark();
            for (long o = 0; o < recordsPerPartition; o++) {
                MeasurementRecordGenerator.Generated g = generator.generate(p, o, data.nominalTimestamp(origin, o));
                long recordTimestamp = g.measurement().timestamp;
                SourceRecord record = new SourceRecord(p, o, recordTimestamp, g.value());
                long timestamp = assigner.extractTimestamp(record, recordTimestamp);
                long windowMaxTimestamp = Math.floorDiv(timestamp, windowMs) * windowMs + windowMs - 1;
                records++;
                if (windowMaxTimestamp <= output.watermark) {
                    late++;
                }
                watermarks.onEvent(record, timestamp, output);
                watermarks.onPeriodicEmit(output);
            }
        }
        return new Outcome(records, late);
    }

    private static final class LatestWatermark implements WatermarkOutput {
        long watermark = Long.MIN_VALUE;

        @Override
        public void emitWatermark(Watermark w) {
            watermark = Math.max(watermark, w.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}

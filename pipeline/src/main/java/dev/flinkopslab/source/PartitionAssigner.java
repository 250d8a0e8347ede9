package dev.flinkopslab.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The split enumerator: hands partition {@code p} to reader {@code p % parallelism}, as Kafka's does, so a
 * reader owns several partitions at once. Its checkpointed state is the splits not yet handed out;
 * assigned splits live (with their offsets) in the readers' state.
 */
final class PartitionAssigner implements SplitEnumerator<PartitionSplit, Collection<PartitionSplit>> {
    private final SplitEnumeratorContext<PartitionSplit> context;
    private final List<PartitionSplit> unassigned;

    PartitionAssigner(SplitEnumeratorContext<PartitionSplit> context, Collection<PartitionSplit> unassigned) {
        this.context = context;
        this.unassigned = new ArrayList<>(unassigned);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<PartitionSplit> splits, int subtaskId) {
        unassigned.addAll(splits); // handed out again when the reader registers after its restart
    }

    @Override
    public void addReader(int subtaskId) {
        int parallelism = context.currentParallelism();
        for (Iterator<PartitionSplit> it = unassigned.iterator(); it.hasNext(); ) {
            PartitionSplit split = it.next();
            if (split.partition() % parallelism == subtaskId) {
                context.assignSplit(split, subtaskId);
                it.remove();
            }
        }
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public Collection<PartitionSplit> snapshotState(long checkpointId) {
        return List.copyOf(unassigned);
    }

    @Override
    public void close() {}

    /** Versioned binary form of the enumerator's state. */
    static final class StateSerializer implements SimpleVersionedSerializer<Collection<PartitionSplit>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Collection<PartitionSplit> splits) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(splits.size());
            for (PartitionSplit split : splits) {
                PartitionSplit.Serializer.write(split, out);
            }
            out.flush();
            return bytes.toByteArray();
        }

        @Override
        public Collection<PartitionSplit> deserialize(int version, byte[] serialized) throws IOException {
            PartitionSplit.Serializer.checkVersion(version);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
            int n = in.readInt();
            List<PartitionSplit> splits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                splits.add(PartitionSplit.Serializer.read(in));
            }
            return splits;
        }
    }
}

package dev.flinkopslab.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * One partition of the generated topic and the offset to read next: the unit Flink assigns to readers and
 * stores in checkpoints (like a Kafka partition with its committed offset).
 *
 * @param endOffset exclusive end for bounded runs, {@link GeneratorConfig#UNBOUNDED} otherwise
 * @param originMs the event-time origin of the run, fixed when the job first started so restores keep it
 */
public record PartitionSplit(int partition, long nextOffset, long endOffset, long originMs) implements SourceSplit {

    @Override
    public String splitId() {
        return "measurements-" + partition;
    }

    public PartitionSplit atOffset(long offset) {
        return new PartitionSplit(partition, offset, endOffset, originMs);
    }

    /** Versioned binary form of a split, for checkpoints. */
    public static final class Serializer implements SimpleVersionedSerializer<PartitionSplit> {
        public static final Serializer INSTANCE = new Serializer();
        private static final int VERSION = 1;

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(PartitionSplit split) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(28);
            DataOutputStream out = new DataOutputStream(bytes);
            write(split, out);
            out.flush();
            return bytes.toByteArray();
        }

        @Override
        public PartitionSplit deserialize(int version, byte[] serialized) throws IOException {
            checkVersion(version);
            return read(new DataInputStream(new ByteArrayInputStream(serialized)));
        }

        static void write(PartitionSplit split, DataOutputStream out) throws IOException {
            out.writeInt(split.partition());
            out.writeLong(split.nextOffset());
            out.writeLong(split.endOffset());
            out.writeLong(split.originMs());
        }

        static PartitionSplit read(DataInputStream in) throws IOException {
            return new PartitionSplit(in.readInt(), in.readLong(), in.readLong(), in.readLong());
        }

        static void checkVersion(int version) throws IOException {
            if (version != VERSION) {
                throw new IOException("unknown generator split version " + version + " (this build reads version " + VERSION + ")");
            }
        }
    }
}

package dev.flinkopslab.source;

import java.nio.charset.StandardCharsets;

/**
 * What a Kafka consumer hands over: where the record sits (partition, offset), its timestamp, and the
 * value as raw bytes. Deserialization happens later in the job, as it does with a real topic, so that a
 * malformed value is the job's problem and not the source's. A Flink POJO.
 */
public class SourceRecord {
    public int partition;
    public long offset;
    /** Event time, epoch milliseconds (the Kafka record timestamp). */
    public long timestamp;
    public byte[] value;

    public SourceRecord() {}

    public SourceRecord(int partition, long offset, long timestamp, byte[] value) {
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.value = value;
    }

    public String valueAsString() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "p" + partition + "@" + offset + " t=" + timestamp + " " + valueAsString();
    }
}

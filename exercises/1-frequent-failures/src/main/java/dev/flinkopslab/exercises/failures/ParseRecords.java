package dev.flinkopslab.exercises.failures;

import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.InvalidRecordException;
import dev.flinkopslab.pipeline.MeasurementParser;
import dev.flinkopslab.source.SourceRecord;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Exercise 1 — frequent failures. THIS IS THE FILE TO EDIT.
 *
 * <p>Turns each record's JSON value into a {@link Measurement}. Some records on the topic are malformed.
 * Run the job ({@code ./lab exercise run 1}), watch the Web UI's Exceptions tab and the job's restart
 * count, then make the job survive them without losing a valid record — and without hiding the bad ones.
 * {@code ./lab check 1} measures whether it does.
 */
public class ParseRecords extends ProcessFunction<SourceRecord, Measurement> {
    private final MeasurementParser parser = new MeasurementParser();

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<Measurement> out) {
        try {
            out.collect(parser.parse(record.value));
        } catch (InvalidRecordException e) {
            throw new IllegalArgumentException("Cannot parse record at partition " + record.partition
                    + ", offset " + record.offset + ": " + e.getMessage(), e);
        }
    }
}

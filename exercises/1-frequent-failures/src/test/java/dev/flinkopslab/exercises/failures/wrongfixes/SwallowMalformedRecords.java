package dev.flinkopslab.exercises.failures.wrongfixes;

import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.InvalidRecordException;
import dev.flinkopslab.pipeline.MeasurementParser;
import dev.flinkopslab.source.SourceRecord;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Wrong fix: "catch it and move on" — the job stops restarting, and the bad records vanish without a trace. */
public class SwallowMalformedRecords extends ProcessFunction<SourceRecord, Measurement> {
    private final MeasurementParser parser = new MeasurementParser();

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<Measurement> out) {
        try {
            out.collect(parser.parse(record.value));
        } catch (InvalidRecordException e) {
            // skip it
        }
    }
}

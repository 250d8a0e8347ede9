package dev.flinkopslab.exercises.metrics;

import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.InvalidRecordException;
import dev.flinkopslab.pipeline.MeasurementParser;
import dev.flinkopslab.source.SourceRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Exercise 8 — metrics and monitoring. THIS IS ONE OF THE THREE FILES TO EDIT (with {@link EmitWindowResults}
 * and {@link MetricsReporting}).
 *
 * <p>Turns record values into measurements and sends malformed ones to the dead-letter output. Run the job
 * ({@code ./lab exercise run 8}) and try to answer, from outside the job, the on-call questions in this
 * exercise's README: how many records are malformed right now, and how late do window results leave? Look
 * at the Web UI's Metrics tab of each operator, and at {@code curl http://localhost:9250/metrics}.
 * {@code ./lab check 8} measures whether a monitoring system could answer them.
 */
public class DeserializeMeasurements extends ProcessFunction<SourceRecord, Measurement> {
    private final OutputTag<DeadLetter> deadLetters;
    private final MeasurementParser parser = new MeasurementParser();

    public DeserializeMeasurements(OutputTag<DeadLetter> deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<Measurement> out) {
        try {
            out.collect(parser.parse(record.value));
        } catch (InvalidRecordException e) {
            ctx.output(deadLetters, new DeadLetter(record.partition, record.offset, e.getMessage(),
                    new String(record.value, StandardCharsets.UTF_8)));
        }
    }
}

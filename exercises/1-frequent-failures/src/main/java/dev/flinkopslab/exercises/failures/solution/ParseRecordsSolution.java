package dev.flinkopslab.exercises.failures.solution;

import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.InvalidRecordException;
import dev.flinkopslab.pipeline.MeasurementParser;
import dev.flinkopslab.source.SourceRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Exercise 1, solved: a bad record is data, not a reason to fail. Throwing fails the task, the job restarts
 * from its last checkpoint, reads the same record again and throws again — a restart loop that makes no
 * progress. Instead: count it ({@code numInvalidRecords}, so it shows in metrics and alerts) and send it,
 * with where it came from and why, to the dead-letter side output, where it can be inspected and replayed.
 */
public class ParseRecordsSolution extends ProcessFunction<SourceRecord, Measurement> {
    public static final String INVALID_RECORDS = "numInvalidRecords";

    private final OutputTag<DeadLetter> deadLetters;
    private final MeasurementParser parser = new MeasurementParser();
    private transient Counter invalidRecords;

    public ParseRecordsSolution(OutputTag<DeadLetter> deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void open(OpenContext openContext) {
        invalidRecords = getRuntimeContext().getMetricGroup().counter(INVALID_RECORDS);
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<Measurement> out) {
        try {
            out.collect(parser.parse(record.value));
        } catch (InvalidRecordException e) {
            invalidRecords.inc();
            ctx.output(deadLetters, new DeadLetter(record.partition, record.offset, e.getMessage(),
                    new String(record.value, StandardCharsets.UTF_8)));
        }
    }
}

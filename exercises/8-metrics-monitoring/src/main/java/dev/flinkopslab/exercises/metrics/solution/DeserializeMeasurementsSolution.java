package dev.flinkopslab.exercises.metrics.solution;

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
 * Exercise 8, solved (deserializer): a dead-letter output keeps the bad records, but nobody watches a
 * directory of files. A counter makes them a number a monitoring system can rate, graph and alert on
 * ("more than 1% of records malformed for 5 minutes"). Registered once in {@code open}, on the operator's
 * metric group: Flink reports it per subtask, with the job, task and operator as labels.
 */
public class DeserializeMeasurementsSolution extends ProcessFunction<SourceRecord, Measurement> {
    public static final String INVALID_RECORDS = "numInvalidRecords";

    private final OutputTag<DeadLetter> deadLetters;
    private final MeasurementParser parser = new MeasurementParser();
    private transient Counter invalidRecords;

    public DeserializeMeasurementsSolution(OutputTag<DeadLetter> deadLetters) {
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

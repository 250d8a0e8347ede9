package dev.flinkopslab.exercises.metrics.wrongfixes;

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
 * Wrong fix: 'numInvalidRecords' incremented where the error is caught and again where the dead letter is
 * sent — every malformed record counts twice: ~2.2 × the malformed share, just above the old band's 2.0, which
 * a noisy run could have passed.
 */
public class CountedTwice extends ProcessFunction<SourceRecord, Measurement> {
    private final OutputTag<DeadLetter> deadLetters;
    private final MeasurementParser parser = new MeasurementParser();
    private transient Counter invalidRecords;

    public CountedTwice(OutputTag<DeadLetter> deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void open(OpenContext openContext) {
        invalidRecords = getRuntimeContext().getMetricGroup().counter("numInvalidRecords");
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<Measurement> out) {
        try {
            out.collect(parser.parse(record.value));
        } catch (InvalidRecordException e) {
            invalidRecords.inc();
            sendToDeadLetters(record, e, ctx);
        }
    }

    private void sendToDeadLetters(SourceRecord record, InvalidRecordException e, Context ctx) {
        invalidRecords.inc();
        ctx.output(deadLetters, new DeadLetter(record.partition, record.offset, e.getMessage(),
                new String(record.value, StandardCharsets.UTF_8)));
    }
}

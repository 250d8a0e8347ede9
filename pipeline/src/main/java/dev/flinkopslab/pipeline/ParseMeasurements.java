package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.source.SourceRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Deserializes record values. A malformed value never fails the job: it goes to the dead-letter side output
 * with its partition, offset and the reason (where the job's {@link ParseMetrics} count it). Public and open
 * to extension so that the exercises' solutions reuse it rather than copy it.
 */
public class ParseMeasurements extends ProcessFunction<SourceRecord, Measurement> {
    private final OutputTag<DeadLetter> deadLetters;
    private final MeasurementParser parser = new MeasurementParser();

    public ParseMeasurements(OutputTag<DeadLetter> deadLetters) {
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

package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.source.SourceRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Deserializes record values. A malformed value never fails the job: it goes to the dead-letter side output
 * with its partition, offset and the reason, and counts in {@value #INVALID_RECORDS_METRIC}. Public and open to
 * extension so that the exercises' solutions reuse it rather than copy it.
 */
public class ParseMeasurements extends ProcessFunction<SourceRecord, Measurement> {
    /** The counter of malformed records, the name dashboards and the exercises' checks look for. */
    public static final String INVALID_RECORDS_METRIC = "numInvalidRecords";

    private final OutputTag<DeadLetter> deadLetters;
    private final MeasurementParser parser = new MeasurementParser();
    private transient Counter invalidRecords;

    public ParseMeasurements(OutputTag<DeadLetter> deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void open(OpenContext openContext) {
        invalidRecords = getRuntimeContext().getMetricGroup().counter(INVALID_RECORDS_METRIC);
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

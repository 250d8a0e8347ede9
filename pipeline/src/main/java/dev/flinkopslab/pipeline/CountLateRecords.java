package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.Measurement;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Counts records that arrived after their window closed ({@code numLateRecords}) and passes them on. */
final class CountLateRecords extends ProcessFunction<Measurement, Measurement> {
    static final String LATE_RECORDS_METRIC = "numLateRecords";

    private transient Counter lateRecords;

    @Override
    public void open(OpenContext openContext) {
        lateRecords = getRuntimeContext().getMetricGroup().counter(LATE_RECORDS_METRIC);
    }

    @Override
    public void processElement(Measurement late, Context ctx, Collector<Measurement> out) {
        lateRecords.inc();
        out.collect(late);
    }
}

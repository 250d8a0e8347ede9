package dev.flinkopslab.exercises.watermarks;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.measurements.WindowResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;

/** The check's probe: counts the window results the job emits ({@value #METRIC}), and drops them. */
@DoNotChangeThis("the check counts window results through this probe")
final class CountWindowResults implements Sink<WindowResult> {
    static final String METRIC = "checkWindowResults";

    @Override
    public SinkWriter<WindowResult> createWriter(WriterInitContext context) {
        Counter results = context.metricGroup().counter(METRIC);
        return new SinkWriter<>() {
            @Override
            public void write(WindowResult result, Context ctx) {
                results.inc();
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}

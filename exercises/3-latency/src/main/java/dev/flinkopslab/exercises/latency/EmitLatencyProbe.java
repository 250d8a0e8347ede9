package dev.flinkopslab.exercises.latency;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.measurements.WindowResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The check's probe, one network hop after the windows (as a sink or a dashboard would be): how long after its
 * window's end, on the wall clock, each result arrives ({@value #LATENCY_METRIC}, in ms). The first results
 * are left out ({@code warmUpMs} of event time): they include the job's start.
 */
@DoNotChangeThis("the check measures latency through this probe")
final class EmitLatencyProbe implements Sink<WindowResult> {
    static final String LATENCY_METRIC = "checkResultLatencyMs";
    static final String LATEST_METRIC = "checkLatestResultLatencyMs";

    private final long warmUpMs;

    EmitLatencyProbe(long warmUpMs) {
        this.warmUpMs = warmUpMs;
    }

    @Override
    public SinkWriter<WindowResult> createWriter(WriterInitContext context) {
        Histogram latency = context.metricGroup().histogram(LATENCY_METRIC, new DescriptiveStatisticsHistogram(10_000));
        Writer writer = new Writer(latency);
        context.metricGroup().gauge(LATEST_METRIC, (Gauge<Long>) () -> writer.latest);
        return writer;
    }

    private final class Writer implements SinkWriter<WindowResult> {
        private final Histogram latency;
        private long firstWindowEnd = Long.MIN_VALUE;
        private volatile long latest;

        Writer(Histogram latency) {
            this.latency = latency;
        }

        @Override
        public void write(WindowResult result, Context ctx) {
            long ms = System.currentTimeMillis() - result.windowEnd;
            if (firstWindowEnd == Long.MIN_VALUE) {
                firstWindowEnd = result.windowEnd;
            }
            if (result.windowEnd >= firstWindowEnd + warmUpMs) {
                latency.update(ms);
                latest = ms;
            }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }
}

package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.WindowResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Measures the event-time lag of each window result as it leaves the window operator: how long after the
 * window's end (wall clock) it leaves, the figure an operator watches for latency ({@value
 * #EVENT_TIME_LAG_METRIC}, ms). A histogram of the last 10,000 results, so percentiles show the slow tail.
 * Open to extension so that the exercises' solutions reuse it rather than copy it.
 */
public class MeasureEventTimeLag extends ResultMetrics {
    /** The histogram of event-time lag in ms, the name dashboards and the exercises' checks look for. */
    public static final String EVENT_TIME_LAG_METRIC = "eventTimeLag";

    private transient Histogram eventTimeLag;

    @Override
    public void open(OpenContext openContext) {
        eventTimeLag = getRuntimeContext().getMetricGroup()
                .histogram(EVENT_TIME_LAG_METRIC, new DescriptiveStatisticsHistogram(10_000));
    }

    @Override
    public void windowResult(WindowResult result) {
        eventTimeLag.update(System.currentTimeMillis() - result.windowEnd);
    }
}

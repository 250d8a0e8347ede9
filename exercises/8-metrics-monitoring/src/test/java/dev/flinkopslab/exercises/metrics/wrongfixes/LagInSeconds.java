package dev.flinkopslab.exercises.metrics.wrongfixes;

import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.pipeline.MeasureEventTimeLag;
import dev.flinkopslab.pipeline.ResultMetrics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Wrong fix: an 'eventTimeLag' histogram in whole seconds. Results leave well under a second after their
 * window, so nearly every sample is 0 and a dashboard that expects milliseconds shows no lag at all.
 */
public class LagInSeconds extends ResultMetrics {
    private transient Histogram lag;

    @Override
    public void open(OpenContext openContext) {
        lag = getRuntimeContext().getMetricGroup()
                .histogram(MeasureEventTimeLag.EVENT_TIME_LAG_METRIC, new DescriptiveStatisticsHistogram(10_000));
    }

    @Override
    public void windowResult(WindowResult result) {
        lag.update((System.currentTimeMillis() - result.windowEnd) / 1000);
    }
}

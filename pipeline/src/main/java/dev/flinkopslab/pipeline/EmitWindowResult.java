package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.WindowResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Adds key and window bounds to the aggregate, and measures the event-time lag when the window fires: how
 * long after the window's end (wall clock) its result leaves, the figure an operator watches for latency.
 * Public and open to extension so that the exercises' solutions reuse it rather than copy it.
 */
public class EmitWindowResult extends ProcessWindowFunction<WindowAccumulator, WindowResult, String, TimeWindow> {
    /** The histogram of event-time lag in ms, the name dashboards and the exercises' checks look for. */
    public static final String EVENT_TIME_LAG_METRIC = "eventTimeLag";

    private transient Histogram eventTimeLag;

    @Override
    public void open(OpenContext openContext) {
        eventTimeLag = getRuntimeContext().getMetricGroup()
                .histogram(EVENT_TIME_LAG_METRIC, new DescriptiveStatisticsHistogram(10_000));
    }

    @Override
    public void process(String location, Context ctx, Iterable<WindowAccumulator> aggregates, Collector<WindowResult> out) {
        WindowAccumulator acc = aggregates.iterator().next();
        TimeWindow window = ctx.window();
        eventTimeLag.update(System.currentTimeMillis() - window.getEnd());
        out.collect(new WindowResult(location, window.getStart(), window.getEnd(), acc.count, acc.sumCenti,
                acc.minCenti, acc.maxCenti));
    }
}

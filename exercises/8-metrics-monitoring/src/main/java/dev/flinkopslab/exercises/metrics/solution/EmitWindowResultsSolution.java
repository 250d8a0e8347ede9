package dev.flinkopslab.exercises.metrics.solution;

import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.pipeline.WindowAccumulator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Exercise 8, solved (window function): records in, records out and back pressure say nothing about how
 * late the results are. The event-time lag — wall clock minus the window's end when its result leaves — is
 * the latency a consumer of the results sees; it grows when watermarks stall (an idle partition, a slow
 * subtask) long before anything fails. A histogram, not a gauge of the last value, so that its percentiles
 * show the slow tail. {@link DescriptiveStatisticsHistogram} keeps the last 10,000 values, a sliding window.
 */
public class EmitWindowResultsSolution
        extends ProcessWindowFunction<WindowAccumulator, WindowResult, String, TimeWindow> {
    public static final String EVENT_TIME_LAG = "eventTimeLag";

    private transient Histogram eventTimeLag;

    @Override
    public void open(OpenContext openContext) {
        eventTimeLag = getRuntimeContext().getMetricGroup()
                .histogram(EVENT_TIME_LAG, new DescriptiveStatisticsHistogram(10_000));
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

package dev.flinkopslab.exercises.metrics.wrongfixes;

import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.pipeline.WindowAccumulator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Wrong fix: an 'eventTimeLag' histogram — of the watermark minus the window's end. The watermark has just
 * passed the window's end when it fires, so the "lag" is always about 0 ms, however late the results are.
 */
public class LagFromTheWatermark extends ProcessWindowFunction<WindowAccumulator, WindowResult, String, TimeWindow> {
    private transient Histogram lag;

    @Override
    public void open(OpenContext openContext) {
        lag = getRuntimeContext().getMetricGroup().histogram("eventTimeLag", new DescriptiveStatisticsHistogram(10_000));
    }

    @Override
    public void process(String location, Context ctx, Iterable<WindowAccumulator> aggregates, Collector<WindowResult> out) {
        WindowAccumulator acc = aggregates.iterator().next();
        lag.update(ctx.currentWatermark() - ctx.window().getEnd());
        out.collect(new WindowResult(location, ctx.window().getStart(), ctx.window().getEnd(), acc.count, acc.sumCenti,
                acc.minCenti, acc.maxCenti));
    }
}

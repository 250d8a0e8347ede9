package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.WindowResult;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Adds key and window bounds to the aggregate when the window fires. (What the result reports as it leaves,
 * the event-time lag, is the job's {@link ResultMetrics}.) Public so that exercises reuse it.
 */
public final class EmitWindowResult extends ProcessWindowFunction<WindowAccumulator, WindowResult, String, TimeWindow> {
    @Override
    public void process(String location, Context ctx, Iterable<WindowAccumulator> aggregates, Collector<WindowResult> out) {
        WindowAccumulator acc = aggregates.iterator().next();
        TimeWindow window = ctx.window();
        out.collect(new WindowResult(location, window.getStart(), window.getEnd(), acc.count, acc.sumCenti,
                acc.minCenti, acc.maxCenti));
    }
}

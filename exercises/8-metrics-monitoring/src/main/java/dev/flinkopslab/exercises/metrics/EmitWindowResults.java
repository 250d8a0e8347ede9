package dev.flinkopslab.exercises.metrics;

import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.pipeline.WindowAccumulator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Exercise 8 — metrics and monitoring. THIS IS ONE OF THE THREE FILES TO EDIT (with
 * {@link DeserializeMeasurements} and {@link MetricsReporting}).
 *
 * <p>Emits one result per location and 1 s window when the window fires. See {@link DeserializeMeasurements}
 * for what to run and look at.
 */
public class EmitWindowResults extends ProcessWindowFunction<WindowAccumulator, WindowResult, String, TimeWindow> {
    @Override
    public void process(String location, Context ctx, Iterable<WindowAccumulator> aggregates, Collector<WindowResult> out) {
        WindowAccumulator acc = aggregates.iterator().next();
        TimeWindow window = ctx.window();
        out.collect(new WindowResult(location, window.getStart(), window.getEnd(), acc.count, acc.sumCenti,
                acc.minCenti, acc.maxCenti));
    }
}

package dev.flinkopslab.exercises.latency.wrongfixes;

import dev.flinkopslab.exercises.latency.solution.WindowResultPartsSolution;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.measurements.WindowResult;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.windowing.triggers.ContinuousEventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Wrong fix: "fire the windows more often" — the solution's settings and aggregate, with a trigger that fires
 * every 100 ms of event time. Results come ten times per window, the first nine partial and before the window
 * has ended: the latency looks fine, the results are wrong.
 */
public class EarlyFiringWindowParts extends WindowResultPartsSolution {
    @Override
    public SingleOutputStreamOperator<WindowResult> aggregate(WindowedStream<Measurement, String, TimeWindow> windows) {
        return super.aggregate(windows.trigger(ContinuousEventTimeTrigger.of(Duration.ofMillis(100))));
    }
}

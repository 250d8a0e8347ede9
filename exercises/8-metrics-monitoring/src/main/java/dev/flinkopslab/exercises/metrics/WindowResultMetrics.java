package dev.flinkopslab.exercises.metrics;

import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.pipeline.ResultMetrics;
import org.apache.flink.api.common.functions.OpenContext;

/**
 * Exercise 8 — metrics and monitoring. THIS IS ONE OF THE THREE FILES TO EDIT (with
 * {@link DeserializerMetrics} and {@link MetricsReporting}).
 *
 * <p>What the job's window results report. The window operator emits one result per location and 1 s window
 * when the window fires; this class runs chained to it (same thread, no network in between) and is handed
 * every result the moment it leaves. See {@link DeserializerMetrics} for what to run and look at.
 */
public class WindowResultMetrics extends ResultMetrics {
    @Override
    public void open(OpenContext openContext) {}

    @Override
    public void windowResult(WindowResult result) {
        // The result goes on to the sinks; the Web UI shows records in and out.
    }
}

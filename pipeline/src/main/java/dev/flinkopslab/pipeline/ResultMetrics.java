package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.WindowResult;
import org.apache.flink.api.common.functions.AbstractRichFunction;

/**
 * What the window results report as they leave the window operator, kept apart from how they are computed:
 * the pipeline runs it in a step chained to the window operator (same thread, no network in between, so a
 * result reaches it the moment its window fires) and hands it every result. So one piece of code decides how
 * a window's result is computed and another what the job says about it, and either can be replaced without
 * the other. Register metrics in {@link #open} through {@code getRuntimeContext().getMetricGroup()}. The
 * reference is {@link MeasureEventTimeLag}.
 */
public abstract class ResultMetrics extends AbstractRichFunction {
    /** A window result, as it leaves the window operator. */
    public abstract void windowResult(WindowResult result);
}

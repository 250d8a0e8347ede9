package dev.flinkopslab.exercises.metrics.solution;

import dev.flinkopslab.pipeline.MeasureEventTimeLag;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Exercise 8, solved (window results): records in, records out and back pressure say nothing about how late
 * the results are. The event-time lag — wall clock minus the window's end when its result leaves — is the
 * latency a consumer of the results sees; it grows when watermarks stall (an idle partition, a slow subtask)
 * long before anything fails. A histogram, not a gauge of the last value, so that its percentiles show the
 * slow tail. {@link DescriptiveStatisticsHistogram} keeps the last 10,000 values, a sliding window.
 *
 * <p>The reference pipeline does exactly that, so the solution is its class: read
 * {@link MeasureEventTimeLag#open} (the histogram {@value MeasureEventTimeLag#EVENT_TIME_LAG_METRIC}) and
 * {@link MeasureEventTimeLag#windowResult} ({@code update(now − window end)}).
 */
public class WindowResultMetricsSolution extends MeasureEventTimeLag {}

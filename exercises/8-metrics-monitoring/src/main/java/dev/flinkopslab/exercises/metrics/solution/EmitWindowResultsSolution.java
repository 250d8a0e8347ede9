package dev.flinkopslab.exercises.metrics.solution;

import dev.flinkopslab.pipeline.EmitWindowResult;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Exercise 8, solved (window function): records in, records out and back pressure say nothing about how
 * late the results are. The event-time lag — wall clock minus the window's end when its result leaves — is
 * the latency a consumer of the results sees; it grows when watermarks stall (an idle partition, a slow
 * subtask) long before anything fails. A histogram, not a gauge of the last value, so that its percentiles
 * show the slow tail. {@link DescriptiveStatisticsHistogram} keeps the last 10,000 values, a sliding window.
 *
 * <p>The reference pipeline's window function does exactly that, so the solution is that class: read
 * {@link EmitWindowResult#open} (the histogram {@value EmitWindowResult#EVENT_TIME_LAG_METRIC}) and its
 * {@code process} ({@code update(now - window end)}).
 */
public class EmitWindowResultsSolution extends EmitWindowResult {}

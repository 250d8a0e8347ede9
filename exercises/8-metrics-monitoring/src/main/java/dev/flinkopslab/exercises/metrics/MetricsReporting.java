package dev.flinkopslab.exercises.metrics;

import org.apache.flink.configuration.Configuration;

/**
 * Exercise 8 — metrics and monitoring. THIS IS ONE OF THE THREE FILES TO EDIT (with
 * {@link DeserializerMetrics} and {@link WindowResultMetrics}).
 *
 * <p>The job's metrics settings. The embedded cluster of {@code ./lab exercise run 8} and {@code ./lab check 8}
 * starts with these settings too, so cluster-wide ones (such as metric reporters) take effect here. See
 * {@link DeserializerMetrics} for what to run and look at.
 */
public final class MetricsReporting {
    private MetricsReporting() {}

    public static void apply(Configuration conf) {
        // Metrics show in the Web UI; that is where we look when something goes wrong.
    }
}

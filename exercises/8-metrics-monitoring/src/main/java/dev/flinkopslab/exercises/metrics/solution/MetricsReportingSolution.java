package dev.flinkopslab.exercises.metrics.solution;

import org.apache.flink.configuration.Configuration;

/**
 * Exercise 8, solved (reporter): the Web UI shows metrics only to someone looking at it, only while the job
 * runs, and keeps no history. A reporter hands every metric to a monitoring system; Prometheus' reporter
 * serves them over HTTP for Prometheus to scrape. A port range, because every JobManager and TaskManager on a
 * host starts a reporter of its own: each takes the first free port of the range.
 *
 * <p>Flink finds the reporter through {@code factory.class}: the factory must be on the classpath (here the
 * {@code flink-metrics-prometheus} dependency; on a real cluster, its jar under {@code plugins/}) and is
 * discovered with Java's ServiceLoader. On a real cluster, reporters are cluster configuration
 * ({@code config.yaml}), not job configuration.
 */
public final class MetricsReportingSolution {
    public static final String REPORTER = "prom";
    public static final String PORTS = "9250-9260";

    private MetricsReportingSolution() {}

    public static void apply(Configuration conf) {
        String prefix = "metrics.reporter." + REPORTER + ".";
        conf.setString(prefix + "factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        conf.setString(prefix + "port", PORTS);
    }
}

package dev.flinkopslab.exercises.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter for an embedded cluster that keeps every job's metrics after its tasks end, so a
 * check reads final values (a counter's last count) even of a job that already finished — which the REST API
 * no longer serves. Works only where the cluster runs in this JVM, which is what checks do.
 */
public final class RetainedMetrics implements MetricReporter {
    private static final String NAME = "lab_retained";
    private static final Map<String, List<Registered>> BY_JOB = new ConcurrentHashMap<>();

    private record Registered(String name, Metric metric) {}

    /** Adds this reporter to a cluster configuration. */
    public static Configuration addTo(Configuration clusterConfiguration) {
        clusterConfiguration.setString("metrics.reporter." + NAME + ".factory.class", Factory.class.getName());
        return clusterConfiguration;
    }

    /** The sum of a counter over all subtasks (and operators) of a job that registered it. */
    public static long counterSum(String jobId, String name) {
        return metrics(jobId, name).stream().filter(m -> m instanceof Counter).mapToLong(m -> ((Counter) m).getCount()).sum();
    }

    /** The histograms of that name, one per subtask. */
    public static List<Histogram> histograms(String jobId, String name) {
        List<Histogram> out = new ArrayList<>();
        metrics(jobId, name).stream().filter(m -> m instanceof Histogram).forEach(m -> out.add((Histogram) m));
        return out;
    }

    public static List<Metric> metrics(String jobId, String name) {
        List<Metric> out = new ArrayList<>();
        for (Registered r : BY_JOB.getOrDefault(jobId, List.of())) {
            if (r.name.equals(name)) {
                out.add(r.metric);
            }
        }
        return out;
    }

    /** Forgets a job's metrics. */
    public static void forget(String jobId) {
        BY_JOB.remove(jobId);
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        String jobId = group.getAllVariables().get("<job_id>");
        if (jobId != null) {
            BY_JOB.computeIfAbsent(jobId, k -> new CopyOnWriteArrayList<>()).add(new Registered(metricName, metric));
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        // Kept on purpose: the point of this reporter is reading values after the task is gone.
    }

    /** Flink creates reporters through a factory named in the configuration. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new RetainedMetrics();
        }
    }
}

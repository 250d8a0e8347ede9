package dev.flinkopslab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.testing.PipelineRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.runtime.rest.messages.job.metrics.IOMetricsInfo;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two of eight partitions never produce. With idleness in the watermark strategy the watermark advances and
 * windows fire while the job runs; without it (the control) the same job fires nothing.
 */
class IdlePartitionsTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(fastMetrics()).setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static Configuration fastMetrics() {
        Configuration conf = new Configuration();
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(300));
        return conf;
    }

    private static PipelineConfig config(Duration idleTimeout) {
        GeneratorConfig generator = GeneratorConfig.builder().unbounded().eventsPerSecond(4_000)
                .idlePartitions(List.of(6, 7), 0).build();
        return PipelineConfig.builder().generator(generator).parallelism(4).idleTimeout(idleTimeout)
                .checkpointInterval(Duration.ofSeconds(1)).build();
    }

    @Test
    void withIdlenessWindowsFireWhileTwoPartitionsAreSilent(@TempDir Path out,
            @InjectClusterClient RestClusterClient<?> client) throws Exception {
        FlinkJobs rest = new FlinkJobs(client.getWebInterfaceURL());
        JobClient job = new PipelineRun(config(Duration.ofMillis(500)), out).start();
        try {
            JobID jobId = job.getJobID();
            // Ten locations per 1 s window: 30 results means at least three windows closed by the watermark.
            await().atMost(Duration.ofSeconds(60)).until(() -> windowResultsEmitted(rest, jobId) >= 30);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void withoutIdlenessTheSilentPartitionsHoldTheWatermarkAndNoWindowFires(@TempDir Path out,
            @InjectClusterClient RestClusterClient<?> client) throws Exception {
        FlinkJobs rest = new FlinkJobs(client.getWebInterfaceURL());
        JobClient job = new PipelineRun(config(Duration.ZERO), out).start();
        try {
            JobID jobId = job.getJobID();
            // 12,000 records at 4,000/s span three seconds of event time: enough for windows to close, if they could.
            await().atMost(Duration.ofSeconds(60)).until(() -> measurementsParsed(rest, jobId) >= 12_000);
            assertThat(windowResultsEmitted(rest, jobId)).isZero();
        } finally {
            job.cancel().get();
        }
    }

    private static long windowResultsEmitted(FlinkJobs rest, JobID jobId) throws IOException {
        return vertexMetric(rest, jobId, "Windows per location", IOMetricsInfo::getRecordsWritten);
    }

    private static long measurementsParsed(FlinkJobs rest, JobID jobId) throws IOException {
        return vertexMetric(rest, jobId, "Deserialize JSON", IOMetricsInfo::getRecordsWritten);
    }

    private static long vertexMetric(FlinkJobs rest, JobID jobId, String nameContains,
            java.util.function.ToLongFunction<IOMetricsInfo> metric) throws IOException {
        for (JobDetailsInfo.JobVertexDetailsInfo vertex : rest.details(jobId).getJobVertexInfos()) {
            if (vertex.getName().contains(nameContains)) {
                return metric.applyAsLong(vertex.getJobVertexMetrics());
            }
        }
        throw new AssertionError("no vertex named like '" + nameContains + "' in job " + jobId);
    }
}

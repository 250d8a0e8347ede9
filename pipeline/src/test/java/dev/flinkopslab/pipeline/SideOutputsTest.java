package dev.flinkopslab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.testing.ExpectedResults;
import dev.flinkopslab.testing.PipelineRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost: a malformed record lands in the dead-letter output and its counter, a late record in the
 * late output and its counter, and every other record in exactly one window.
 */
class SideOutputsTest {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @Test
    void fivePercentMalformedAllEndInTheDeadLetterOutputAndTheCounter(@TempDir Path out) throws Exception {
        GeneratorConfig generator = GeneratorConfig.builder().seed(3).maxRecords(30_000).malformedFraction(0.05).build();
        PipelineConfig config = PipelineConfig.builder().generator(generator).parallelism(4)
                .idleTimeout(Duration.ZERO).checkpointInterval(Duration.ofMillis(500))
                .restart(PipelineConfig.RestartKind.NONE, 0, Duration.ZERO) // a crash would fail the test, not hide
                .build();
        PipelineRun run = new PipelineRun(config, out);

        JobID jobId = run.runToCompletion().getJobID();

        List<String> expectedMalformed = ExpectedResults.malformedRecords(generator);
        assertThat(expectedMalformed.size()).isBetween(1_200, 1_800); // ~5% of 30,000
        List<String> deadLetterKeys = run.deadLetters().stream()
                .map(line -> line.substring(0, line.indexOf(',', line.indexOf(',') + 1)))
                .sorted().toList();
        assertThat(deadLetterKeys).containsExactlyElementsOf(expectedMalformed);
        assertThat(run.deadLetters()).allSatisfy(line -> assertThat(line).matches("\\d+,\\d+,[^\t]+\t.*"));
        assertThat(invalidRecordsCounted(jobId)).isEqualTo(expectedMalformed.size());
        assertThat(run.windows()).containsExactlyElementsOf(ExpectedResults.windowLines(generator, 1000));
    }

    @Test
    void lateRecordsGoToTheLateOutputAndEveryOtherRecordToAWindow(@TempDir Path out) throws Exception {
        // Replayed at 10,000/s, the nominal event-time rate, so watermarks advance with the data as they would live.
        GeneratorConfig generator = GeneratorConfig.builder().seed(4).maxRecords(30_000).lateFraction(0.02)
                .eventsPerSecond(10_000).build();
        PipelineConfig config = PipelineConfig.builder().generator(generator).parallelism(4)
                .idleTimeout(Duration.ZERO).checkpointInterval(Duration.ofMillis(500)).build();
        PipelineRun run = new PipelineRun(config, out);

        JobID jobId = run.runToCompletion().getJobID();

        // Which delayed records miss their window depends on how far the watermark got; only delayed ones can.
        long late = run.lateRecords().size();
        assertThat(late).isPositive().isLessThanOrEqualTo(ExpectedResults.delayedRecords(generator));
        assertThat(counted(jobId, CountLateRecords.LATE_RECORDS_METRIC)).isEqualTo(late);
        long inWindows = run.windows().stream().mapToLong(line -> Long.parseLong(line.split(",")[3])).sum();
        assertThat(inWindows + late).isEqualTo(30_000);
    }

    private static long invalidRecordsCounted(JobID jobId) {
        return counted(jobId, CountInvalidRecords.INVALID_RECORDS_METRIC);
    }

    private static long counted(JobID jobId, String counter) {
        return METRICS.findMetrics(jobId, counter).values().stream().mapToLong(m -> ((Counter) m).getCount()).sum();
    }
}

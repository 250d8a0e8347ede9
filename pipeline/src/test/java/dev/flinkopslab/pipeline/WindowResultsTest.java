package dev.flinkopslab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.testing.ExpectedResults;
import dev.flinkopslab.testing.PipelineRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's window results equal an independent computation over the generator's records. */
class WindowResultsTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2).setNumberSlotsPerTaskManager(2).build());

    @Test
    void boundedRunProducesExactlyTheExpectedAggregates(@TempDir Path out) throws Exception {
        GeneratorConfig generator = GeneratorConfig.builder().seed(11).maxRecords(40_000).build();
        PipelineConfig config = PipelineConfig.builder().generator(generator).parallelism(4)
                .idleTimeout(Duration.ZERO).checkpointInterval(Duration.ofMillis(500)).build();
        PipelineRun run = new PipelineRun(config, out);

        run.runToCompletion();

        List<String> expected = ExpectedResults.windowLines(generator, 1000);
        assertThat(expected).hasSizeGreaterThan(30); // 40k records at 10k/s nominal: ~4 s × 10 cities
        assertThat(run.windows()).containsExactlyElementsOf(expected);
        assertThat(run.lateRecords()).isEmpty();
        assertThat(run.deadLetters()).isEmpty();
    }

    @Test
    void theJobRunsWithGenericTypesDisabledAndExplicitUidsOnly() {
        var conf = MeasurementPipeline.flinkConfiguration(PipelineConfig.defaults());
        // The run above passes with these guards on: no Kryo fallback, and no operator without a uid.
        assertThat(conf.get(PipelineOptions.GENERIC_TYPES)).isFalse();
        assertThat(conf.get(PipelineOptions.AUTO_GENERATE_UIDS)).isFalse();
    }
}

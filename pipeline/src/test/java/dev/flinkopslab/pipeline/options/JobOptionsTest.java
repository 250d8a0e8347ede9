package dev.flinkopslab.pipeline.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineConfig.CheckpointMode;
import dev.flinkopslab.pipeline.PipelineConfig.RestartKind;
import dev.flinkopslab.pipeline.PipelineConfig.SinkKind;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The job's options as a Flink configuration map, and the ways their values may be typed. */
class JobOptionsTest {

    @Test
    void aFlinkConfigurationMapDescribesARun() {
        // Flink's own keys where Flink has the option; Flink's value syntax ("1 s").
        Configuration conf = Configuration.fromMap(Map.of("execution.checkpointing.interval", "1 s",
                "restart-strategy.type", "fixed-delay", "parallelism.default", "3", "lab.sink", "file",
                "lab.generator.idle-partitions", "6;7", "lab.generator.records", "100"));
        PipelineConfig c = PipelineConfig.from(conf, Target.CLUSTER);
        assertThat(c.checkpointInterval).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.restart).isEqualTo(RestartKind.FIXED_DELAY);
        assertThat(c.restartAttempts).as("the target's").isEqualTo(Integer.MAX_VALUE);
        assertThat(c.parallelism).isEqualTo(3);
        assertThat(c.sink).isEqualTo(SinkKind.FILE);
        assertThat(c.generator.idlePartitions()).containsExactly(6, 7);
        assertThat(c.generator.maxRecords()).isEqualTo(100);
    }

    @Test
    void theBuildersDefaultsAreTheOptionsDefaults() {
        PipelineConfig fromOptions = PipelineConfig.from(new Configuration(), Target.EMBEDDED);
        PipelineConfig built = PipelineConfig.defaults();
        assertThat(fromOptions).usingRecursiveComparison().ignoringFields("generator").isEqualTo(built);
        assertThat(fromOptions.generator.seed()).isEqualTo(built.generator.seed());
        assertThat(fromOptions.generator.eventsPerSecond()).as("the job's rate; programmatic configs run unthrottled")
                .isEqualTo(1000);
    }

    @Test
    void valuesAreTypedAsOnTheCommandLine() {
        Configuration conf = JobArguments.parse("--checkpointing", "AT_LEAST_ONCE", "--sink=Discard", "--fail-after", "5",
                "--restart-delay", "0", "--rate", "-0");
        assertThat(conf.get(JobOptions.CHECKPOINTING)).isEqualTo(CheckpointMode.AT_LEAST_ONCE);
        assertThat(conf.get(JobOptions.SINK)).isEqualTo(SinkKind.DISCARD);
        assertThat(conf.get(JobOptions.FAIL_AFTER)).isEqualTo(5);
        assertThat(conf.get(JobOptions.RESTART_DELAY)).isZero();
        assertThat(conf.toMap()).as("a map the job reads back").containsEntry("lab.checkpointing", "at-least-once");
        assertThat(PipelineConfig.from(Configuration.fromMap(conf.toMap()), Target.EMBEDDED).checkpointing)
                .isEqualTo(CheckpointMode.AT_LEAST_ONCE);
    }

    @Test
    void badValuesSayWhatTheyMustBe() {
        assertThatThrownBy(() -> JobArguments.parse("--restart-strategy", "sometimes"))
                .hasMessage("--restart-strategy must be one of none, fixed-delay, exponential-delay (got 'sometimes')");
        assertThatThrownBy(() -> JobArguments.parse("--rate", "fast")).hasMessage("--rate must be a whole number (got 'fast')");
        assertThatThrownBy(() -> JobArguments.parse("--late", "1.5")).hasMessage("--late must be a fraction within 0..1 (got 1.5)");
        assertThatThrownBy(() -> JobArguments.parse("--idle-partitions", "six"))
                .hasMessage("--idle-partitions must be partition numbers like 6,7 (got 'six')");
        assertThatThrownBy(() -> JobArguments.parse("--parallelism", "0")).hasMessage("--parallelism must be at least 1 (got 0)");
        assertThatThrownBy(() -> JobArgument.parseDuration("10")).hasMessageContaining("'10' is not a duration");
        assertThat(JobArgument.parseDuration("1 min")).isEqualTo(Duration.ofMinutes(1));
    }
}

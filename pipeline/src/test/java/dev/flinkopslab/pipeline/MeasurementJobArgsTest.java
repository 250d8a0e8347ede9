package dev.flinkopslab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The job JAR's program arguments: named like lab run's options, bad ones rejected with a clear message. */
class MeasurementJobArgsTest {

    @Test
    void argumentsBecomeTheTypedConfig() {
        PipelineConfig c = MeasurementJob.config(new String[] {"--records", "500", "--rate", "0", "--sink", "file",
                "--output-dir", "/tmp/x", "--checkpointing", "at-least-once", "--checkpoint-interval", "500ms",
                "--idle-partitions", "6,7", "--seed", "9"}, 3);
        assertThat(c.generator.maxRecords()).isEqualTo(500);
        assertThat(c.generator.eventsPerSecond()).isZero();
        assertThat(c.generator.idlePartitions()).containsExactly(6, 7);
        assertThat(c.generator.seed()).isEqualTo(9);
        assertThat(c.sink).isEqualTo(PipelineConfig.SinkKind.FILE);
        assertThat(c.outputDir).isEqualTo("/tmp/x");
        assertThat(c.checkpointing).isEqualTo(PipelineConfig.CheckpointMode.AT_LEAST_ONCE);
        assertThat(c.checkpointInterval).isEqualTo(Duration.ofMillis(500));
        assertThat(c.parallelism).as("the submitted parallelism when none is given").isEqualTo(3);
    }

    @Test
    void kafkaSourceArguments() {
        PipelineConfig c = MeasurementJob.config(new String[] {"--source", "kafka", "--bootstrap-servers", "broker:19092",
                "--topic", "readings", "--sink", "kafka"}, 2);
        assertThat(c.source).isEqualTo(PipelineConfig.SourceKind.KAFKA);
        assertThat(c.kafka.bootstrapServers()).isEqualTo("broker:19092");
        assertThat(c.kafka.topic()).isEqualTo("readings");
        assertThat(c.sink).isEqualTo(PipelineConfig.SinkKind.KAFKA);
        assertThat(MeasurementJob.config(new String[] {"--idle-timeout", "0s", "--out-of-orderness", "500ms"}, 2))
                .satisfies(k -> assertThat(k.idleTimeout).isZero())
                .satisfies(k -> assertThat(k.outOfOrderness).isEqualTo(java.time.Duration.ofMillis(500)));
        assertThat(MeasurementJob.config(new String[0], 2).source).isEqualTo(PipelineConfig.SourceKind.GENERATOR);
        assertThat(c.kafka.stopAtLatest()).as("a Kafka source reads on by default").isFalse();
        assertThat(MeasurementJob.config(new String[] {"--source", "kafka", "--stop-at-latest", "true"}, 2).kafka.stopAtLatest())
                .isTrue();
        assertThat(MeasurementJob.config(new String[] {"--source", "kafka", "--stop-at-latest"}, 2).kafka.stopAtLatest())
                .as("a flag, as in lab run").isTrue();
        PipelineConfig flagInTheMiddle = MeasurementJob.config(new String[] {"--stop-at-latest", "--topic", "t"}, 2);
        assertThat(flagInTheMiddle.kafka.stopAtLatest()).isTrue();
        assertThat(flagInTheMiddle.kafka.topic()).isEqualTo("t");
    }

    @Test
    void idlenessIsOffForKafkaUnlessAskedFor() {
        // A reader catching up on a backlog serves one partition after another: with idleness the waiting ones
        // would look idle and their records turn late (11,217 of 40,000 in a run with the 5 s default).
        assertThat(MeasurementJob.config(new String[] {"--source", "kafka"}, 2).idleTimeout).isZero();
        assertThat(MeasurementJob.config(new String[] {"--source", "kafka", "--idle-timeout", "3s"}, 2).idleTimeout)
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(MeasurementJob.config(new String[0], 2).idleTimeout).isEqualTo(Duration.ofSeconds(5));
        PipelineConfig generator = PipelineConfig.defaults();
        assertThat(generator.toBuilder().source(PipelineConfig.SourceKind.KAFKA).build().idleTimeout)
                .as("a copy switched to Kafka takes Kafka's default, not the generator's").isZero();
    }

    @Test
    void onAClusterTheJobKeepsRestartingUntilResourcesComeBack() {
        PipelineConfig defaults = MeasurementJob.config(new String[0], 2);
        assertThat(defaults.restart).isEqualTo(PipelineConfig.RestartKind.EXPONENTIAL_DELAY);
        assertThat(defaults.restartAttempts).isEqualTo(Integer.MAX_VALUE);
        PipelineConfig fixed = MeasurementJob.config(new String[] {"--restart-strategy", "fixed-delay",
                "--restart-attempts", "3", "--restart-delay", "2s"}, 2);
        assertThat(fixed.restart).isEqualTo(PipelineConfig.RestartKind.FIXED_DELAY);
        assertThat(fixed.restartAttempts).isEqualTo(3);
        assertThat(fixed.restartDelay).isEqualTo(java.time.Duration.ofSeconds(2));
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertThatThrownBy(() -> MeasurementJob.config(new String[] {"--bogus", "1"}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown argument '--bogus'");
        assertThatThrownBy(() -> MeasurementJob.config(new String[] {"--sink", "kafkaa"}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--sink must be one of print, file, discard");
        assertThatThrownBy(() -> MeasurementJob.config(new String[] {"--checkpoint-interval", "5"}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration like 500ms");
        assertThatThrownBy(() -> MeasurementJob.config(new String[] {"--records"}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--records needs a value");
        assertThatThrownBy(() -> MeasurementJob.config(new String[] {"--stop-at-latest", "yes"}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--stop-at-latest must be true or false (got 'yes')");
    }
}

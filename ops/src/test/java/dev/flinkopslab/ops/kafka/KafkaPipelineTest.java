package dev.flinkopslab.ops.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flinkopslab.pipeline.EmbeddedCluster;
import dev.flinkopslab.pipeline.KafkaSettings;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PartFiles;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineConfig.SinkKind;
import dev.flinkopslab.pipeline.PipelineSinks;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.testing.ExpectedResults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline against a real Kafka broker process: records produced to the topic are what the job reads, and
 * the source's offsets travel in savepoints — a job stopped midway and resumed continues where it stopped.
 */
class KafkaPipelineTest {
    private static final int PARTITIONS = 8;

    @TempDir
    static Path work;

    private static LocalKafka kafka;
    private static EmbeddedCluster flink;

    @BeforeAll
    static void start() throws Exception {
        kafka = LocalKafka.start(work.resolve("kafka"));
        flink = EmbeddedCluster.start(new Configuration(), 4);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (flink != null) {
                flink.close();
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    private static PipelineConfig config(KafkaSettings k, SinkKind sink, Path out) {
        return PipelineConfig.builder()
                .source(PipelineConfig.SourceKind.KAFKA).kafka(k)
                .parallelism(4)
                .idleTimeout(Duration.ZERO)
                .checkpointInterval(Duration.ofMillis(500))
                .sink(sink).outputDir(out.toString())
                .build();
    }

    private static JobClient submit(PipelineConfig c, Path restoreFrom) throws Exception {
        Configuration job = MeasurementPipeline.flinkConfiguration(c);
        if (restoreFrom != null) {
            job.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
        }
        StreamExecutionEnvironment env = flink.environment(job);
        PipelineSinks.attach(MeasurementPipeline.build(env, c), c);
        return env.executeAsync(c.jobName);
    }

    @Test
    void preflightFindsTheBrokerAndNamesAMissingTopic() {
        KafkaPreflight.requireTopic(kafka.bootstrapServers(), "measurements");
        KafkaPreflight.requireBroker(kafka.bootstrapServers());
        assertThatThrownBy(() -> KafkaPreflight.requireTopic(kafka.bootstrapServers(), "no-such-topic"))
                .isInstanceOf(KafkaBrokerException.class)
                .hasMessageStartingWith("Kafka at " + kafka.bootstrapServers() + " has no topic 'no-such-topic' (it has: ")
                .hasMessageContaining("measurements")
                .extracting(e -> ((KafkaBrokerException) e).missing()).isEqualTo(Optional.of(KafkaBrokerException.Missing.TOPIC));
        assertThatThrownBy(() -> KafkaPreflight.requireBroker("no-such-host.invalid:9092"))
                .isInstanceOf(KafkaBrokerException.class).hasMessageContaining("no-such-host.invalid:9092");
    }

    @Test
    void recordsProducedToTheTopicAreWhatTheJobReads() throws Exception {
        GeneratorConfig data = GeneratorConfig.builder().seed(7).maxRecords(16_000).malformedFraction(0.01).build();
        kafka.createTopic("read-test", PARTITIONS);
        try (MeasurementProducer producer = new MeasurementProducer(kafka.bootstrapServers(), "read-test", data)) {
            assertThat(producer.produceAll(System.out::println)).isEqualTo(16_000);
        }
        Path out = work.resolve("read-test-out");
        KafkaSettings k = KafkaSettings.defaults().withBootstrapServers(kafka.bootstrapServers())
                .withTopic("read-test").withStopAtLatest(true);

        submit(config(k, SinkKind.FILE, out), null).getJobExecutionResult().get();

        assertThat(PartFiles.committedLines(out.resolve(PipelineSinks.WINDOWS_DIR)))
                .containsExactlyElementsOf(ExpectedResults.windowLines(data, 1000));
        assertThat(PartFiles.committedLines(out.resolve(PipelineSinks.DEAD_LETTERS_DIR)))
                .hasSize(ExpectedResults.malformedRecords(data).size());
    }

    @Test
    void aJobResumedFromASavepointContinuesWhereItStopped() throws Exception {
        GeneratorConfig data = GeneratorConfig.builder().seed(11).maxRecords(16_000).build();
        long perPartition = data.recordsInPartition(0);
        kafka.createTopic("resume-test", PARTITIONS);
        kafka.createTopic("resume-windows", PARTITIONS);
        KafkaSettings k = KafkaSettings.defaults().withBootstrapServers(kafka.bootstrapServers())
                .withTopic("resume-test").withOutputTopic("resume-windows").withTransactionalIdPrefix("resume-test");
        PipelineConfig c = config(k, SinkKind.KAFKA, work.resolve("unused"));
        List<String> expected = ExpectedResults.windowLines(data, 1000);

        String savepoint;
        try (MeasurementProducer producer = new MeasurementProducer(kafka.bootstrapServers(), "resume-test", data)) {
            producer.produce(0, perPartition / 2, System.out::println, () -> false);

            JobClient first = submit(c, null);
            // Midway: the first half is in, some windows are committed, the rest of the data does not exist yet.
            await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.committedValues("resume-windows").isEmpty());
            savepoint = first.stopWithSavepoint(false, work.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get();
            List<String> beforeStop = kafka.committedValues("resume-windows");
            assertThat(beforeStop).as("the first run committed part of the output, not all of it")
                    .isNotEmpty().hasSizeLessThan(expected.size());

            producer.produce(perPartition / 2, perPartition, System.out::println, () -> false);
        }
        kafka.endOfData("resume-test", data);

        JobClient resumed = submit(c, Path.of(java.net.URI.create(savepoint)));
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> kafka.committedValues("resume-windows").size() >= expected.size());
        } finally {
            resumed.cancel().get();
        }
        assertThat(kafka.committedValues("resume-windows")).as("no gap, no duplicate").containsExactlyElementsOf(expected);
    }
}

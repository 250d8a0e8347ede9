package dev.flinkopslab.ops.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.source.GeneratorConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker stopped and started again on its work dir comes back with its topic and records; its status says
 * what runs and answers, and which topics it has.
 */
class KafkaBrokerRestartTest {

    @Test
    void aRestartedBrokerKeepsItsTopicAndRecords(@TempDir Path work) throws Exception {
        GeneratorConfig data = GeneratorConfig.builder().seed(3).maxRecords(800).build();
        try (LocalKafka kafka = LocalKafka.start(work)) {
            KafkaStatus running = kafka.broker.status();
            assertThat(running.running()).isTrue();
            assertThat(running.pid()).hasValue(kafka.broker.running().orElseThrow().pid());
            assertThat(running.answers()).isTrue();
            assertThat(running.topicPartitions()).containsEntry("measurements", 8);
            assertThat(running.bootstrapServers()).isEqualTo(kafka.bootstrapServers());
            KafkaBroker otherPort = new KafkaBroker(KafkaBrokerConfig.builder().workDir(work).port(LocalKafka.freePort())
                    .controllerPort(kafka.broker.config().controllerPort).build());
            assertThat(otherPort.status()).as("asked on the port the broker was started with, not the one configured")
                    .extracting(KafkaStatus::port, KafkaStatus::answers).containsExactly(kafka.broker.config().port, true);
            try (MeasurementProducer producer = new MeasurementProducer(kafka.bootstrapServers(), "measurements", data)) {
                assertThat(producer.produceAll(System.out::println)).isEqualTo(800);
            }
            kafka.broker.stop();
            assertThat(kafka.broker.running()).isEmpty();
            KafkaStatus stopped = kafka.broker.status();
            assertThat(stopped.running()).isFalse();
            assertThat(stopped.answers()).isFalse();
            assertThat(stopped.topicPartitions()).isEmpty();
            assertThat(kafka.broker.stop()).as("nothing left to stop").isFalse();

            kafka.broker.start(line -> System.out.println("kafka: " + line));
            assertThat(kafka.committedValues("measurements")).as("the records written before the restart").hasSize(800);
        }
    }
}

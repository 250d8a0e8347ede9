package dev.flinkopslab.ops.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.source.GeneratorConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker stopped and started again on its work dir comes back with its topic and records. */
class KafkaBrokerRestartTest {

    @Test
    void aRestartedBrokerKeepsItsTopicAndRecords(@TempDir Path work) throws Exception {
        GeneratorConfig data = GeneratorConfig.builder().seed(3).maxRecords(800).build();
        try (LocalKafka kafka = LocalKafka.start(work)) {
            try (MeasurementProducer producer = new MeasurementProducer(kafka.bootstrapServers(), "measurements", data)) {
                assertThat(producer.produceAll(System.out::println)).isEqualTo(800);
            }
            kafka.broker.stop();
            assertThat(kafka.broker.running()).isEmpty();

            kafka.broker.start(line -> System.out.println("kafka: " + line));
            assertThat(kafka.committedValues("measurements")).as("the records written before the restart").hasSize(800);
        }
    }
}

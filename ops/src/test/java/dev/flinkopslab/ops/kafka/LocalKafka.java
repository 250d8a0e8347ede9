package dev.flinkopslab.ops.kafka;

import dev.flinkopslab.source.GeneratorConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A real broker process for a test class, on free ports under a temporary directory, with a few helpers. */
public final class LocalKafka implements AutoCloseable {
    final KafkaBroker broker;

    private final long pid;

    private LocalKafka(KafkaBroker broker, long pid) {
        this.broker = broker;
        this.pid = pid;
    }

    public static LocalKafka start(Path workDir) throws IOException {
        KafkaBrokerConfig config = KafkaBrokerConfig.builder()
                .port(freePort()).controllerPort(freePort()).workDir(workDir)
                .classpathFile(Path.of(System.getProperty("lab.kafka.classpath", "../runtimes/kafka-broker/target/kafka.classpath"))).build();
        KafkaBroker broker = new KafkaBroker(config);
        long pid;
        try {
            pid = broker.start(line -> System.out.println("kafka: " + line));
        } catch (RuntimeException e) {
            broker.stop();
            throw e;
        }
        return new LocalKafka(broker, pid);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return broker.config().bootstrapServers();
    }

    public void createTopic(String name, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Every committed record value of {@code topic} (read_committed: open or aborted transactions are not there). */
    public List<String> committedValues(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // the last stable offsets
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 30 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
            values.sort(null);
            return values;
        }
    }

    /**
     * An unbounded source never ends, so the last windows would wait for records that never come: one record
     * per partition an hour past the data moves every partition's watermark beyond it. Its value is not a
     * measurement, so it becomes a dead letter and adds no window.
     */
    public void endOfData(String topic, GeneratorConfig data) {
        long after = GeneratorConfig.DEFAULT_BOUNDED_ORIGIN + Duration.ofHours(1).toMillis();
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int partition = 0; partition < data.partitions(); partition++) {
                producer.send(new ProducerRecord<>(topic, partition, after, null,
                        "end of test data".getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    @Override
    public void close() {
        broker.stop();
        // stop() must really end the broker: a test leaves no process behind.
        ProcessHandle.of(pid).ifPresent(p -> {
            p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> p).join();
            if (p.isAlive()) {
                p.destroyForcibly();
                throw new IllegalStateException("the broker (pid " + pid + ") was still alive after KafkaBroker.stop()");
            }
        });
    }
}

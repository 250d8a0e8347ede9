package dev.flinkopslab.pipeline;

import dev.flinkopslab.pipeline.options.KafkaOptions;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Where the pipeline meets a real Kafka: the source topic ({@link PipelineConfig.SourceKind#KAFKA}) and the
 * exactly-once output topic ({@link PipelineConfig.SinkKind#KAFKA}). Defaults ({@link #defaults()}; the first
 * three are {@link KafkaOptions}', which {@link #from} reads):
 *
 * <ul>
 *   <li>{@code bootstrapServers} {@code localhost:9092} — where {@code lab kafka start} listens;
 *   <li>{@code topic} {@code measurements}; {@code groupId} {@code flink-ops-lab} — offsets live in Flink's
 *       checkpoints, the group only names the consumer in Kafka's tools;
 *   <li>{@code stopAtLatest} false — when true the source is bounded: it reads up to the offsets that are the
 *       latest when the job starts, then finishes (tests, reproducible runs);
 *   <li>{@code outputTopic} {@code measurement-windows} — window results as CSV lines;
 *   <li>{@code transactionalIdPrefix} {@code flink-ops-lab}; {@code transactionTimeout} 10 min — below the
 *       broker's {@code transaction.max.timeout.ms} (15 min as {@code lab kafka start} sets it), or the
 *       producer is rejected, yet far above any checkpoint interval.
 * </ul>
 *
 * Starting offsets are the earliest: a fresh job reads the topic from its beginning; a restored one continues
 * from the offsets in its checkpoint or savepoint.
 */
public record KafkaSettings(String bootstrapServers, String topic, String groupId, boolean stopAtLatest,
                            String outputTopic, String transactionalIdPrefix, Duration transactionTimeout)
        implements Serializable {

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers must not be empty (e.g. localhost:9092)");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("the Kafka topic must not be empty");
        }
    }

    public static KafkaSettings defaults() {
        return new KafkaSettings(KafkaOptions.BOOTSTRAP_SERVERS.defaultValue(), KafkaOptions.TOPIC.defaultValue(),
                "flink-ops-lab", KafkaOptions.STOP_AT_LATEST.defaultValue(), "measurement-windows", "flink-ops-lab",
                Duration.ofMinutes(10));
    }

    /** The defaults with what {@code conf} sets of {@link KafkaOptions}. */
    public static KafkaSettings from(ReadableConfig conf) {
        return defaults().withBootstrapServers(conf.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .withTopic(conf.get(KafkaOptions.TOPIC)).withStopAtLatest(conf.get(KafkaOptions.STOP_AT_LATEST));
    }

    public KafkaSettings withBootstrapServers(String v) {
        return new KafkaSettings(v, topic, groupId, stopAtLatest, outputTopic, transactionalIdPrefix, transactionTimeout);
    }

    public KafkaSettings withTopic(String v) {
        return new KafkaSettings(bootstrapServers, v, groupId, stopAtLatest, outputTopic, transactionalIdPrefix, transactionTimeout);
    }

    public KafkaSettings withStopAtLatest(boolean v) {
        return new KafkaSettings(bootstrapServers, topic, groupId, v, outputTopic, transactionalIdPrefix, transactionTimeout);
    }

    public KafkaSettings withOutputTopic(String v) {
        return new KafkaSettings(bootstrapServers, topic, groupId, stopAtLatest, v, transactionalIdPrefix, transactionTimeout);
    }

    public KafkaSettings withTransactionalIdPrefix(String v) {
        return new KafkaSettings(bootstrapServers, topic, groupId, stopAtLatest, outputTopic, v, transactionTimeout);
    }
}

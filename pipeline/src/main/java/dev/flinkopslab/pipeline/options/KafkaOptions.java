package dev.flinkopslab.pipeline.options;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;

/** Where the job meets a real Kafka (source and sink). Read by {@code KafkaSettings.from}. */
public final class KafkaOptions {
    public static final ConfigOption<String> BOOTSTRAP_SERVERS = key("lab.kafka.bootstrap-servers").stringType()
            .defaultValue("localhost:9092")
            .withDescription("Kafka's bootstrap servers (host:port, comma-separated).");

    public static final ConfigOption<String> TOPIC = key("lab.kafka.topic").stringType().defaultValue("measurements")
            .withDescription("Kafka topic of the measurement records.");

    public static final ConfigOption<Boolean> STOP_AT_LATEST = key("lab.kafka.stop-at-latest").booleanType()
            .defaultValue(false)
            .withDescription("With --source kafka: read up to the offsets that are the latest at the start, then "
                    + "finish (default: read on).");

    private KafkaOptions() {}
}

package dev.flinkopslab.ops.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What {@link KafkaBroker#status} observed: whether this work dir's broker process is alive, whether it answers,
 * and its topics. Facts only; the CLI words them.
 *
 * @param port            the client port on localhost
 * @param pidFile         the pid file that was read
 * @param pid             the live broker's pid; empty when none of this work dir runs
 * @param answers         the broker answered a metadata request on {@code port} (never true without {@code pid})
 * @param topicPartitions the topics it listed, by name, with their partition counts; empty unless it answered
 */
public record KafkaStatus(int port, Path pidFile, OptionalLong pid, boolean answers, Map<String, Integer> topicPartitions) {

    public KafkaStatus {
        topicPartitions = java.util.Collections.unmodifiableMap(new TreeMap<>(topicPartitions));
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** This work dir's broker process is alive. */
    public boolean running() {
        return pid.isPresent();
    }
}

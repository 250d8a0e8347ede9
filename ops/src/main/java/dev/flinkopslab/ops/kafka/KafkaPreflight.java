package dev.flinkopslab.ops.kafka;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * Checks before a job starts against Kafka. Without them a job whose broker is down, or whose topic does not
 * exist, runs on and reads nothing: Kafka's clients retry quietly, and the user sees an idle job. What is
 * missing is a {@link KafkaBrokerException} with {@link KafkaBrokerException#missing}; how to provide it is
 * the caller's to say.
 */
public final class KafkaPreflight {
    /** How long a broker on this machine may take to answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private KafkaPreflight() {}

    /** A broker answers at {@code bootstrapServers}, or one line saying none does ({@code Missing.BROKER}). */
    public static void requireBroker(String bootstrapServers) {
        try (Admin admin = admin(bootstrapServers)) {
            clusterNodes(admin, bootstrapServers);
        }
    }

    /** A broker answers and has {@code topic}, or one line saying which is missing ({@code BROKER}, {@code TOPIC}). */
    public static void requireTopic(String bootstrapServers, String topic) {
        try (Admin admin = admin(bootstrapServers)) {
            clusterNodes(admin, bootstrapServers);
            Set<String> topics = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!topics.contains(topic)) {
                throw new KafkaBrokerException("Kafka at " + bootstrapServers + " has no topic '" + topic + "'"
                        + (topics.isEmpty() ? "" : " (it has: " + String.join(", ", topics.stream().sorted().toList()) + ")"),
                        KafkaBrokerException.Missing.TOPIC);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("interrupted while asking Kafka at " + bootstrapServers + " for its topics");
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaBrokerException("Kafka at " + bootstrapServers + " did not list its topics within "
                    + TIMEOUT.toSeconds() + " s: " + e.getMessage());
        }
    }

    private static void clusterNodes(Admin admin, String bootstrapServers) {
        try {
            admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("interrupted while looking for Kafka at " + bootstrapServers);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaBrokerException("no Kafka answers at " + bootstrapServers + " within " + TIMEOUT.toSeconds()
                    + " s", KafkaBrokerException.Missing.BROKER);
        }
    }

    private static Admin admin(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        // One quiet attempt per second instead of the client's fast reconnect loop filling the log.
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 1_000L);
        try {
            return Admin.create(p);
        } catch (KafkaException e) { // e.g. no resolvable host among the bootstrap servers
            throw new KafkaBrokerException("cannot use Kafka bootstrap servers '" + bootstrapServers + "': "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
    }
}

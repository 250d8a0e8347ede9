package dev.flinkopslab.ops.kafka;

import dev.flinkopslab.pipeline.options.KafkaOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that shapes the local Kafka broker, in one typed place. Immutable; build it with
 * {@link #builder()}. Defaults:
 *
 * <ul>
 *   <li>{@code port} 9092 — the client listener on localhost ({@code bootstrap.servers = localhost:9092});
 *   <li>{@code controllerPort} 9093 — the KRaft controller listener (the broker is its own controller);
 *   <li>{@code workDir} {@code <lab.home>/.lab/kafka} — server.properties, pid file, broker log; {@code lab.home}
 *       is the system property the {@code ./lab} script sets to the project root (else the current directory);
 *   <li>{@code logDir} {@code <workDir>/data} — Kafka's own "log": the topic partitions on disk;
 *   <li>{@code topic} {@code measurements} with {@code partitions} 8 — as many as the generator has;
 *   <li>{@code classpathFile} {@code <lab.home>/runtimes/kafka-broker/target/kafka.classpath} — the broker's jars, written by the build;
 *   <li>{@code heap} 512m; {@code startTimeout} 60 s.
 * </ul>
 */
public final class KafkaBrokerConfig {
    /** The topic the job reads by default. */
    public static final String DEFAULT_TOPIC = KafkaOptions.TOPIC.defaultValue();

    public final int port;
    public final int controllerPort;
    public final Path workDir;
    public final Path logDir;
    public final String topic;
    public final int partitions;
    public final Path classpathFile;
    public final String heap;
    public final Duration startTimeout;

    private KafkaBrokerConfig(Builder b) {
        this.port = b.port;
        this.controllerPort = b.controllerPort;
        this.workDir = Objects.requireNonNull(b.workDir, "workDir").toAbsolutePath();
        this.logDir = b.logDir != null ? b.logDir.toAbsolutePath() : workDir.resolve("data");
        this.topic = b.topic;
        this.partitions = b.partitions;
        this.classpathFile = Objects.requireNonNull(b.classpathFile, "classpathFile").toAbsolutePath();
        this.heap = b.heap;
        this.startTimeout = b.startTimeout;
        require(port >= 1 && port <= 65535, "the Kafka port must be within 1..65535 (got " + port + ")");
        require(controllerPort >= 1 && controllerPort <= 65535,
                "the controller port must be within 1..65535 (got " + controllerPort + ")");
        require(port != controllerPort, "the Kafka port and the controller port must differ (both " + port + ")");
        require(topic != null && !topic.isBlank(), "the topic needs a name");
        require(partitions >= 1, "the topic needs at least 1 partition (got " + partitions + ")");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The project root: the {@code lab.home} system property, else the current directory. */
    public static Path labHome() {
        return Path.of(System.getProperty("lab.home", ".")).toAbsolutePath().normalize();
    }

    public static KafkaBrokerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path pidFile() {
        return workDir.resolve("kafka.pid");
    }

    public Path processLog() {
        return workDir.resolve("kafka.log");
    }

    public Path serverProperties() {
        return workDir.resolve("server.properties");
    }

    public static final class Builder {
        private int port = 9092;
        private int controllerPort = 9093;
        private Path workDir = labHome().resolve(".lab/kafka");
        private Path logDir;
        private String topic = DEFAULT_TOPIC;
        private int partitions = 8;
        private Path classpathFile = labHome().resolve("runtimes/kafka-broker/target/kafka.classpath");
        private String heap = "512m";
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {}

        public Builder port(int v) { port = v; return this; }
        public Builder controllerPort(int v) { controllerPort = v; return this; }
        public Builder workDir(Path v) { workDir = v; return this; }
        public Builder logDir(Path v) { logDir = v; return this; }
        public Builder topic(String v) { topic = v; return this; }
        public Builder partitions(int v) { partitions = v; return this; }
        public Builder classpathFile(Path v) { classpathFile = v; return this; }
        public Builder heap(String v) { heap = v; return this; }
        public Builder startTimeout(Duration v) { startTimeout = v; return this; }

        public KafkaBrokerConfig build() {
            return new KafkaBrokerConfig(this);
        }
    }
}

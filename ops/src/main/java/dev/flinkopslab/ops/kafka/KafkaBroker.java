package dev.flinkopslab.ops.kafka;

import dev.flinkopslab.ops.OwnProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A local single-node Kafka broker in KRaft mode (broker and controller in one process), run as its own JVM
 * from Kafka's jars. {@link #start} writes server.properties, formats the storage, starts {@code kafka.Kafka},
 * records its pid, waits until the broker answers and creates the topic; {@link #stop} ends exactly that pid.
 * It observes ({@link #status}) and acts (start, stop); what a user reads about it, hints included, is the CLI's.
 */
public final class KafkaBroker {
    private static final String MAIN_CLASS = "kafka.Kafka";
    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@link #status} waits for a running broker to answer. */
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(3);

    private final KafkaBrokerConfig config;

    public KafkaBroker(KafkaBrokerConfig config) {
        this.config = config;
    }

    public KafkaBrokerConfig config() {
        return config;
    }

    /** The broker process this work dir's pid file names, if it is alive and really our broker. */
    public Optional<ProcessHandle> running() {
        return OwnProcesses.fromPidFile(config.pidFile(), ownMarkers());
    }

    /** The pid may have been reused since: only a kafka.Kafka on our server.properties counts. */
    private String[] ownMarkers() {
        return new String[] {MAIN_CLASS, config.serverProperties().toString()};
    }

    /**
     * Whether this work dir's broker runs and answers, and its topics with their partitions. A running broker
     * is asked on the port it was started with (its server.properties), whatever this config's port. A broker
     * that does not answer within a few seconds (starting, or hung) is reported as running but not answering.
     */
    public KafkaStatus status() {
        Optional<ProcessHandle> process = running();
        if (process.isEmpty()) {
            return new KafkaStatus(config.port, config.pidFile(), OptionalLong.empty(), false, Map.of());
        }
        OptionalLong pid = OptionalLong.of(process.get().pid());
        int port = startedPort();
        long timeout = STATUS_TIMEOUT.toMillis();
        try (Admin admin = admin("localhost:" + port)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout)).nodes().get(timeout, TimeUnit.MILLISECONDS);
            Set<String> names = admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS);
            Map<String, Integer> partitions = admin.describeTopics(names).allTopicNames().get(timeout, TimeUnit.MILLISECONDS)
                    .values().stream().collect(Collectors.toMap(d -> d.name(), d -> d.partitions().size()));
            return new KafkaStatus(port, config.pidFile(), pid, true, partitions);
        } catch (ExecutionException | TimeoutException e) {
            return new KafkaStatus(port, config.pidFile(), pid, false, Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new KafkaStatus(port, config.pidFile(), pid, false, Map.of());
        }
    }

    /** The client port in this work dir's server.properties (as the running broker read it), else the configured one. */
    private int startedPort() {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(config.serverProperties(), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            return config.port;
        }
        Matcher m = Pattern.compile("PLAINTEXT://[^,]*:(\\d+)").matcher(p.getProperty("advertised.listeners", ""));
        return m.find() ? Integer.parseInt(m.group(1)) : config.port;
    }

    /**
     * Starts the broker and creates the topic; returns its pid. Refuses while this work dir's broker runs; a
     * taken port ({@link dev.flinkopslab.ops.OwnProcesses.PortInUseException}) or a missing build
     * ({@link dev.flinkopslab.ops.OwnProcesses.MissingClasspathException}) is reported before anything starts;
     * a broker that does not come up is stopped again and its log named.
     */
    public long start(Consumer<String> progress) {
        Optional<ProcessHandle> already = running();
        if (already.isPresent()) {
            throw new KafkaBrokerException("Kafka is already running (pid " + already.get().pid() + ") on "
                    + config.bootstrapServers());
        }
        OwnProcesses.requireFree(config.port, "Kafka port");
        OwnProcesses.requireFree(config.controllerPort, "Kafka controller port");
        String classpath = OwnProcesses.classpath(config.classpathFile);
        try {
            Files.createDirectories(config.logDir);
            writeServerProperties();
            writeLogConfig();
            formatStorage(classpath);
            Process process = launch(classpath);
            Files.writeString(config.pidFile(), Long.toString(process.pid()));
            try {
                awaitReady(process, progress);
                createTopic();
            } catch (RuntimeException e) {
                stop();
                throw e;
            }
            return process.pid();
        } catch (IOException e) {
            throw new KafkaBrokerException("could not prepare " + config.workDir + ": " + e.getMessage());
        }
    }

    /**
     * Ends the broker this work dir started (by its pid file) and nothing else: SIGTERM, so that Kafka shuts
     * down cleanly and closes its logs, SIGKILL after 30 s. False when none was running.
     */
    public boolean stop() {
        try {
            return OwnProcesses.stop(config.pidFile(), STOP_TIMEOUT, ownMarkers()).isPresent();
        } catch (IllegalStateException e) {
            throw new KafkaBrokerException("the Kafka broker did not end: " + e.getMessage());
        }
    }

    private void writeServerProperties() throws IOException {
        String host = "localhost";
        List<String> lines = List.of(
                "# Written by 'lab kafka start': one KRaft node that is broker and controller.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + config.controllerPort,
                "listeners=PLAINTEXT://" + host + ":" + config.port + ",CONTROLLER://" + host + ":" + config.controllerPort,
                "advertised.listeners=PLAINTEXT://" + host + ":" + config.port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + config.logDir,
                "num.partitions=" + config.partitions,
                // A single node: internal topics cannot be replicated; few partitions start faster.
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // Bounded data sets carry fixed event times (2026-01-01): time-based retention would delete
                // them as soon as they are written. A lab broker keeps what it is given.
                "log.retention.ms=-1",
                // Flink's exactly-once KafkaSink keeps transactions open across a checkpoint interval.
                "transaction.max.timeout.ms=" + Duration.ofMinutes(15).toMillis());
        Files.write(config.serverProperties(), lines, StandardCharsets.UTF_8);
    }

    private Path logConfig() {
        return config.workDir.resolve("log4j2.properties");
    }

    private void writeLogConfig() throws IOException {
        Files.write(logConfig(), List.of(
                "# The broker logs to stdout, which 'lab kafka start' sends to kafka.log.",
                "appender.console.type=Console",
                "appender.console.name=console",
                "appender.console.layout.type=PatternLayout",
                "appender.console.layout.pattern=%d{ISO8601} %-5p [%c{1}] %m%n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.console.ref=console",
                "logger.kafka.name=kafka",
                "logger.kafka.level=WARN",
                "logger.apache.name=org.apache.kafka",
                "logger.apache.level=WARN"), StandardCharsets.UTF_8);
    }

    private List<String> java(String classpath, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + config.heap, "-Xmx" + config.heap,
                "-Dlog4j2.configurationFile=" + logConfig().toUri(),
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * KRaft needs formatted storage; an already formatted log dir is left as it is, so its topics survive a
     * restart. (Formatting it again, even with --ignore-formatted, fails: the new cluster id is not the old.)
     */
    private void formatStorage(String classpath) throws IOException {
        if (Files.exists(config.logDir.resolve("meta.properties"))) {
            return;
        }
        Process format = new ProcessBuilder(java(classpath, STORAGE_TOOL, "format", "--ignore-formatted",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", config.serverProperties().toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(config.processLog().toFile()))
                .start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new KafkaBrokerException("formatting Kafka's storage failed; see " + config.processLog());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            format.destroyForcibly();
            throw new KafkaBrokerException("interrupted while formatting Kafka's storage");
        }
    }

    private Process launch(String classpath) throws IOException {
        return new ProcessBuilder(java(classpath, MAIN_CLASS, config.serverProperties().toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(config.processLog().toFile()))
                .start();
    }

    private void awaitReady(Process process, Consumer<String> progress) {
        long started = System.nanoTime();
        long deadline = started + config.startTimeout.toNanos();
        long nextProgress = started + PROGRESS_EVERY.toNanos();
        try (Admin admin = admin(config.bootstrapServers())) {
            while (true) {
                if (!process.isAlive()) {
                    throw new KafkaBrokerException("the Kafka broker exited during start (exit code "
                            + process.exitValue() + "); see " + config.processLog());
                }
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(1_000)).nodes().get();
                    return;
                } catch (ExecutionException notYet) {
                    // Not answering yet: try again until the deadline.
                }
                long now = System.nanoTime();
                if (now > deadline) {
                    throw new KafkaBrokerException("the Kafka broker did not answer on " + config.bootstrapServers()
                            + " within " + config.startTimeout.toSeconds() + " s; see " + config.processLog());
                }
                if (now > nextProgress) {
                    progress.accept("waiting for the broker on " + config.bootstrapServers() + " ... "
                            + TimeUnit.NANOSECONDS.toSeconds(now - started) + " s");
                    nextProgress = now + PROGRESS_EVERY.toNanos();
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("interrupted while waiting for the broker");
        }
    }

    private void createTopic() {
        try (Admin admin = admin(config.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic(config.topic, config.partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaBrokerException("could not create topic " + config.topic + ": " + e.getCause().getMessage());
            }
        } catch (Exception e) {
            throw new KafkaBrokerException("could not create topic " + config.topic + ": " + e);
        }
    }

    private Admin admin(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(p);
    }
}

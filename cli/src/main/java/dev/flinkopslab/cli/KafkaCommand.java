package dev.flinkopslab.cli;

import dev.flinkopslab.ops.OwnProcesses.MissingClasspathException;
import dev.flinkopslab.ops.OwnProcesses.PortInUseException;
import dev.flinkopslab.ops.kafka.KafkaBroker;
import dev.flinkopslab.ops.kafka.KafkaBrokerConfig;
import dev.flinkopslab.ops.kafka.KafkaPreflight;
import dev.flinkopslab.ops.kafka.KafkaStatus;
import dev.flinkopslab.pipeline.PipelineConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lab kafka start|stop|status}: a local single-node Kafka broker (KRaft) from Kafka's own jars. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "Start, stop or show the local Kafka broker (KRaft mode) and its 'measurements' topic.",
        subcommands = {KafkaCommand.Start.class, KafkaCommand.Stop.class, KafkaCommand.Status.class})
final class KafkaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ExitCodes.usage(spec.commandLine(), "missing command: start, stop or status");
    }

    /** Where the broker keeps its files, pid file among them: all that stop and status need to find it. */
    static final class WorkDir {
        @Option(names = "--work-dir", paramLabel = "<dir>",
                description = "server.properties, pid file, kafka.log and data (default: .lab/kafka in the project).")
        Path workDir;

        KafkaBrokerConfig.Builder builder() {
            KafkaBrokerConfig.Builder b = KafkaBrokerConfig.builder();
            return workDir == null ? b : b.workDir(workDir);
        }
    }

    /** The client port; defaults are {@link KafkaBrokerConfig}'s. */
    static final class Port {
        @Option(names = "--port", paramLabel = "<port>", description = "Client port on localhost (default: ${DEFAULT-VALUE}).")
        int port = BROKER_DEFAULTS.port;
    }

    /** What only start uses: the controller port and the topic it creates. */
    static final class StartOptions {
        @Option(names = "--controller-port", paramLabel = "<port>",
                description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
        int controllerPort = BROKER_DEFAULTS.controllerPort;

        @Option(names = "--topic", paramLabel = "<topic>", description = "Topic created at start (default: ${DEFAULT-VALUE}).")
        String topic = BROKER_DEFAULTS.topic;

        @Option(names = "--partitions", paramLabel = "<n>", description = "Partitions of the topic (default: ${DEFAULT-VALUE}).")
        int partitions = BROKER_DEFAULTS.partitions;
    }

    private static final KafkaBrokerConfig BROKER_DEFAULTS = KafkaBrokerConfig.defaults();

    /** What {@code lab kafka status} prints: one line, with how to start the broker when none runs. */
    static String statusLine(KafkaStatus s) {
        if (!s.running()) {
            return "lab kafka: not running (no live broker in " + s.pidFile() + "); " + OpsSupport.KAFKA_START_HINT;
        }
        String running = "lab kafka: running, pid " + s.pid().getAsLong() + ", bootstrap servers " + s.bootstrapServers();
        if (!s.answers()) {
            return running + ", but it does not answer yet";
        }
        return running + ", " + (s.topicPartitions().isEmpty() ? "no topics" : (s.topicPartitions().size() == 1 ? "topic " : "topics ")
                + String.join(", ", s.topicPartitions().entrySet().stream()
                        .map(t -> t.getKey() + " (" + t.getValue() + " partitions)").toList()));
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the broker and create the topic.")
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Port port;
        @Mixin
        StartOptions options;
        @Mixin
        WorkDir workDir;

        @Override
        public Integer call() {
            KafkaBroker broker = new KafkaBroker(workDir.builder().port(port.port).controllerPort(options.controllerPort)
                    .topic(options.topic).partitions(options.partitions).build());
            PrintWriter out = spec.commandLine().getOut();
            KafkaBrokerConfig c = broker.config();
            KafkaStatus before = broker.status();
            if (before.running()) {
                throw new LabException("Kafka is already running (pid " + before.pid().getAsLong() + ") on "
                        + before.bootstrapServers() + "; " + OpsSupport.KAFKA_STOP_HINT);
            }
            long pid;
            try {
                out.println("lab kafka: starting a KRaft broker on " + c.bootstrapServers() + " (log " + c.processLog() + ")");
                out.flush();
                pid = broker.start(OpsSupport.progressLines(spec));
            } catch (PortInUseException e) {
                throw OpsSupport.portInUse(e, "another Kafka", e.port() == c.port ? "--port" : "--controller-port");
            } catch (MissingClasspathException e) {
                throw OpsSupport.buildFirst("Kafka", e);
            }
            out.println("lab kafka: running, pid " + pid + ", bootstrap servers " + c.bootstrapServers() + ", topic "
                    + c.topic + " (" + c.partitions + " partitions). Stop it with 'lab kafka stop'.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the broker this work dir started.")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkDir workDir;

        @Override
        public Integer call() {
            KafkaBroker broker = new KafkaBroker(workDir.builder().build());
            boolean stopped = broker.stop();
            spec.commandLine().getOut().println(stopped ? "lab kafka: stopped"
                    : "lab kafka: not running (no live broker in " + broker.config().pidFile() + ")");
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Is the broker running? Exit 0 if so, 1 if not.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkDir workDir;
        @Mixin
        Port port; // only to print the bootstrap servers

        @Override
        public Integer call() {
            KafkaStatus status = new KafkaBroker(workDir.builder().port(port.port).build()).status();
            spec.commandLine().getOut().println(statusLine(status));
            return status.running() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    /**
     * The Kafka a pipeline needs is there before it starts — its source topic, its sink's broker — else one
     * line on what is missing. Without the check such a job runs on and reads nothing.
     */
    static void requireKafkaFor(PipelineConfig cfg) {
        if (cfg.source == PipelineConfig.SourceKind.KAFKA) {
            KafkaPreflight.requireTopic(cfg.kafka.bootstrapServers(), cfg.kafka.topic());
        } else if (cfg.sink == PipelineConfig.SinkKind.KAFKA) {
            KafkaPreflight.requireBroker(cfg.kafka.bootstrapServers());
        }
    }
}

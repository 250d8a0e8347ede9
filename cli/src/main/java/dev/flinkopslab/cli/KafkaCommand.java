package dev.flinkopslab.cli;

import dev.flinkopslab.ops.kafka.KafkaBroker;
import dev.flinkopslab.ops.kafka.KafkaBrokerConfig;
import dev.flinkopslab.ops.kafka.KafkaPreflight;
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

    /** The broker's options, shared by the three subcommands; defaults are those of {@link KafkaBrokerConfig}. */
    static final class BrokerOptions {
        @Option(names = "--port", defaultValue = "9092", description = "Client port on localhost (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--controller-port", defaultValue = "9093",
                description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
        int controllerPort;

        @Option(names = "--work-dir", paramLabel = "<dir>",
                description = "server.properties, pid file, kafka.log and data (default: .lab/kafka in the project).")
        Path workDir;

        @Option(names = "--topic", defaultValue = KafkaBrokerConfig.DEFAULT_TOPIC,
                description = "Topic created at start (default: ${DEFAULT-VALUE}).")
        String topic;

        @Option(names = "--partitions", defaultValue = "8", description = "Partitions of the topic (default: ${DEFAULT-VALUE}).")
        int partitions;

        KafkaBroker broker() {
            KafkaBrokerConfig.Builder b = KafkaBrokerConfig.builder().port(port).controllerPort(controllerPort)
                    .topic(topic).partitions(partitions);
            if (workDir != null) {
                b.workDir(workDir);
            }
            return new KafkaBroker(b.build());
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the broker and create the topic.")
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        BrokerOptions options;

        @Override
        public Integer call() {
            KafkaBroker broker = options.broker();
            PrintWriter out = spec.commandLine().getOut();
            KafkaBrokerConfig c = broker.config();
            out.println("lab kafka: starting a KRaft broker on " + c.bootstrapServers() + " (log " + c.processLog() + ")");
            out.flush();
            long pid = broker.start(OpsSupport.progressLines(spec));
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
        BrokerOptions options;

        @Override
        public Integer call() {
            KafkaBroker broker = options.broker();
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
        BrokerOptions options;

        @Override
        public Integer call() {
            KafkaBroker broker = options.broker();
            PrintWriter out = spec.commandLine().getOut();
            return broker.running().map(p -> {
                out.println("lab kafka: running, pid " + p.pid() + ", bootstrap servers " + broker.config().bootstrapServers());
                return ExitCodes.OK;
            }).orElseGet(() -> {
                out.println("lab kafka: not running");
                return ExitCodes.FAILURE;
            });
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

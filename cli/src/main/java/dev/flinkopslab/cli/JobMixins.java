package dev.flinkopslab.cli;

import org.apache.flink.configuration.RestOptions;
import picocli.CommandLine.Option;

/**
 * The job's options as picocli mixins, shared by {@code lab run}, {@code submit} and {@code produce} instead of
 * declared in each. Only names and value labels are written here: descriptions and defaults come from the
 * ConfigOptions ({@link JobOptionHelp}), and the values are read back as typed ({@link JobArgs}) and parsed by
 * the job's own parser, so {@code lab run --x v} and the job's {@code --x v} cannot mean different things.
 * The fields only hold picocli's copy.
 */
final class JobMixins {
    private JobMixins() {}

    /** The generated data. */
    static final class Generator {
        @Option(names = "--rate", paramLabel = "<events/s>") String rate;
        @Option(names = "--records", paramLabel = "<n>") String records;
        @Option(names = "--seed", paramLabel = "<n>") String seed;
        @Option(names = "--malformed", paramLabel = "<fraction>") String malformed;
        @Option(names = "--late", paramLabel = "<fraction>") String late;
    }

    /** Where Kafka is. */
    static final class Kafka {
        @Option(names = "--bootstrap-servers", paramLabel = "<host:port>") String bootstrapServers;
        @Option(names = "--topic", paramLabel = "<topic>") String topic;
    }

    /** The pipeline: source, sink, watermarks, a rehearsed failure. */
    static final class Pipeline {
        @Option(names = "--source", paramLabel = "generator|kafka") String source;
        @Option(names = "--stop-at-latest") boolean stopAtLatest;
        @Option(names = "--sink", paramLabel = "print|file|discard|kafka") String sink;
        @Option(names = "--output-dir", paramLabel = "<dir>") String outputDir;
        @Option(names = "--out-of-orderness", paramLabel = "<duration>") String outOfOrderness;
        @Option(names = "--idle-timeout", paramLabel = "<duration>") String idleTimeout;
        @Option(names = "--idle-partitions", paramLabel = "<p,...>") String idlePartitions;
        @Option(names = "--idle-after", paramLabel = "<n>") String idleAfter;
        @Option(names = "--fail-after", paramLabel = "<n>") String failAfter;
    }

    /** Checkpoints, and what Flink does when the job fails. */
    static final class Checkpointing {
        @Option(names = "--checkpointing", paramLabel = "exactly-once|at-least-once|none") String checkpointing;
        @Option(names = "--checkpoint-interval", paramLabel = "<duration>") String checkpointInterval;
        @Option(names = "--restart-strategy", paramLabel = "none|fixed-delay|exponential-delay") String restartStrategy;
        @Option(names = "--restart-attempts", paramLabel = "<n>") String restartAttempts;
        @Option(names = "--restart-delay", paramLabel = "<duration>") String restartDelay;
    }

    /** The port of an embedded Flink's Web UI and REST API; Flink's default. */
    static final class WebUiPort {
        @Option(names = "--port", paramLabel = "<port>",
                description = "Port of the Flink Web UI and REST API (default: ${DEFAULT-VALUE}).")
        int port = RestOptions.PORT.defaultValue();
    }
}

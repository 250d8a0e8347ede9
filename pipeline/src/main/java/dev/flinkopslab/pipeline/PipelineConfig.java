package dev.flinkopslab.pipeline;

import dev.flinkopslab.pipeline.options.JobOptions;
import dev.flinkopslab.pipeline.options.Target;
import dev.flinkopslab.source.GeneratorConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Everything that shapes one run of the measurement pipeline, in one typed place. Immutable; build it from the
 * job's options with {@link #from}, with {@link #builder()}, or change a copy through {@link #toBuilder()}.
 * Defaults (those of the options in {@link JobOptions}, the restart strategy {@link Target#EMBEDDED}'s):
 *
 * <ul>
 *   <li>{@code source} {@link SourceKind#GENERATOR}: the embedded generator; KAFKA reads {@code kafka.topic()};
 *   <li>{@code generator} {@link GeneratorConfig#defaults()} (8 partitions, unbounded, unthrottled);
 *   <li>{@code kafka} {@link KafkaSettings#defaults()} (localhost:9092, topic measurements) for KAFKA source/sink;
 *   <li>{@code parallelism} 4;
 *   <li>{@code outOfOrderness} 250 ms — the watermark's bounded out-of-orderness;
 *   <li>{@code idleTimeout} 5 s for the generator, 0 (never) for Kafka — a partition silent this long stops
 *       holding the watermark back. Off for Kafka because a reader catching up on a backlog fetches one
 *       partition's records after another's: a partition waiting its turn looks idle, the watermark runs ahead
 *       on the others, and its records arrive late. Set it for topics whose partitions really fall silent;
 *   <li>{@code watermarkInterval} 200 ms — how often watermarks are emitted (Flink's default);
 *   <li>{@code windowSize} 1 s — tumbling event-time windows;
 *   <li>{@code checkpointing} {@link CheckpointMode#EXACTLY_ONCE}, every {@code checkpointInterval} 10 s;
 *   <li>{@code restart} fixed delay, 10 attempts, 1 s apart;
 *   <li>{@code sink} {@link SinkKind#PRINT}; {@code outputDir} {@code target/output} for {@link SinkKind#FILE};
 *       {@link SinkKind#KAFKA} writes window results to {@code kafka.outputTopic()} exactly once;
 *   <li>{@code parse} {@link ParseMode#JSON};
 *   <li>{@code failAfterRecords} 0 — when positive, subtask 0 throws once, after that many records and a
 *       completed checkpoint (a rehearsed failure, for demos and tests).
 * </ul>
 */
public final class PipelineConfig {

    // The option values' enums print as typed (exactly-once): Flink's Configuration converts by toString.

    /** The guarantee checkpoints give; NONE loses all state (windows in progress) on a restart. */
    public enum CheckpointMode {
        EXACTLY_ONCE, AT_LEAST_ONCE, NONE;

        @Override
        public String toString() {
            return dashed(this);
        }
    }

    /** Where records come from: the embedded generator, or a real Kafka topic holding the same records. */
    public enum SourceKind {
        GENERATOR, KAFKA;

        @Override
        public String toString() {
            return dashed(this);
        }
    }

    /** Where results go: stdout/stderr, exactly-once part files, nowhere (benchmarks), or an exactly-once topic. */
    public enum SinkKind {
        PRINT, FILE, DISCARD, KAFKA;

        @Override
        public String toString() {
            return dashed(this);
        }
    }

    /** JSON is the real job; TRIVIAL skips JSON to measure what the rest of the job costs (the "Flink floor"). */
    public enum ParseMode { JSON, TRIVIAL }

    /** Flink's restart strategies, as named in its configuration ({@code restart-strategy.type}). */
    public enum RestartKind {
        NONE("none"), FIXED_DELAY("fixed-delay"), EXPONENTIAL_DELAY("exponential-delay");

        final String flinkName;

        RestartKind(String flinkName) {
            this.flinkName = flinkName;
        }

        @Override
        public String toString() {
            return flinkName;
        }
    }

    /** {@code EXACTLY_ONCE} → {@code exactly-once}. */
    static String dashed(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static final String DEFAULT_JOB_NAME = JobOptions.JOB_NAME.defaultValue();

    public final SourceKind source;
    public final GeneratorConfig generator;
    public final KafkaSettings kafka;
    public final int parallelism;
    public final Duration outOfOrderness;
    public final Duration idleTimeout;
    /** The timeout as given to the builder (null: the source's default), kept for {@link #toBuilder()}. */
    private final Duration idleTimeoutGiven;
    public final Duration watermarkInterval;
    public final Duration windowSize;
    public final CheckpointMode checkpointing;
    public final Duration checkpointInterval;
    public final RestartKind restart;
    public final int restartAttempts;
    public final Duration restartDelay;
    public final SinkKind sink;
    public final String outputDir;
    public final ParseMode parse;
    public final long failAfterRecords;
    public final String jobName;

    private PipelineConfig(Builder b) {
        this.source = Objects.requireNonNull(b.source, "source");
        this.generator = Objects.requireNonNull(b.generator, "generator");
        this.kafka = Objects.requireNonNull(b.kafka, "kafka");
        this.parallelism = b.parallelism;
        this.outOfOrderness = b.outOfOrderness;
        this.idleTimeoutGiven = b.idleTimeout;
        this.idleTimeout = b.idleTimeout != null ? b.idleTimeout : defaultIdleTimeout(source);
        this.watermarkInterval = b.watermarkInterval;
        this.windowSize = b.windowSize;
        this.checkpointing = b.checkpointing;
        this.checkpointInterval = b.checkpointInterval;
        this.restart = b.restart;
        this.restartAttempts = b.restartAttempts;
        this.restartDelay = b.restartDelay;
        this.sink = b.sink;
        this.outputDir = b.outputDir;
        this.parse = b.parse;
        this.failAfterRecords = b.failAfterRecords;
        this.jobName = b.jobName;
        validate();
    }

    /** See the class comment: idleness misfires while a Kafka reader catches up, so Kafka has none by default. */
    static Duration defaultIdleTimeout(SourceKind source) {
        return source == SourceKind.KAFKA ? Duration.ZERO : Duration.ofSeconds(5);
    }

    private void validate() {
        require(parallelism >= 1, "parallelism must be at least 1 (got " + parallelism + ")");
        require(!outOfOrderness.isNegative(), "out-of-orderness must not be negative");
        require(!idleTimeout.isNegative(), "idle timeout must not be negative (0 disables idleness)");
        require(watermarkInterval.toMillis() > 0, "watermark interval must be positive");
        require(windowSize.toMillis() > 0, "window size must be positive");
        require(checkpointing == CheckpointMode.NONE || checkpointInterval.toMillis() >= 10,
                "checkpoint interval must be at least 10 ms (got " + checkpointInterval.toMillis() + " ms)");
        require(restartAttempts >= 0, "restart attempts must not be negative");
        require(failAfterRecords >= 0, "fail-after must not be negative");
        require(sink != SinkKind.FILE || (outputDir != null && !outputDir.isBlank()),
                "the file sink needs an output directory");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The run the job's options describe: {@code conf} read with {@link JobOptions}, {@code GeneratorOptions} and
     * {@code KafkaOptions}; what it leaves out is the option's default, the restart strategy {@code target}'s.
     *
     * @throws IllegalArgumentException when the values do not fit together
     */
    public static PipelineConfig from(ReadableConfig conf, Target target) {
        return builder().source(conf.get(JobOptions.SOURCE)).generator(GeneratorConfig.from(conf))
                .kafka(KafkaSettings.from(conf)).parallelism(conf.get(JobOptions.PARALLELISM))
                .outOfOrderness(conf.get(JobOptions.OUT_OF_ORDERNESS)).idleTimeout(conf.get(JobOptions.IDLE_TIMEOUT))
                .checkpointing(conf.get(JobOptions.CHECKPOINTING)).checkpointInterval(conf.get(JobOptions.CHECKPOINT_INTERVAL))
                .restart(conf.getOptional(JobOptions.RESTART_STRATEGY).orElse(target.restartStrategy),
                        conf.getOptional(JobOptions.RESTART_ATTEMPTS).orElse(target.restartAttempts),
                        conf.get(JobOptions.RESTART_DELAY))
                .sink(conf.get(JobOptions.SINK)).outputDir(conf.get(JobOptions.OUTPUT_DIR))
                .failAfterRecords(conf.get(JobOptions.FAIL_AFTER)).jobName(conf.get(JobOptions.JOB_NAME)).build();
    }

    public static PipelineConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().source(source).kafka(kafka).generator(generator).parallelism(parallelism).outOfOrderness(outOfOrderness)
                .idleTimeout(idleTimeoutGiven).watermarkInterval(watermarkInterval).windowSize(windowSize)
                .checkpointing(checkpointing).checkpointInterval(checkpointInterval)
                .restart(restart, restartAttempts, restartDelay).sink(sink).outputDir(outputDir).parse(parse)
                .failAfterRecords(failAfterRecords).jobName(jobName);
    }

    /** Builds a {@link PipelineConfig}; {@link #build()} rejects inconsistent values with a clear message. */
    public static final class Builder {
        private SourceKind source = JobOptions.SOURCE.defaultValue();
        private GeneratorConfig generator = GeneratorConfig.defaults();
        private KafkaSettings kafka = KafkaSettings.defaults();
        private int parallelism = JobOptions.PARALLELISM.defaultValue();
        private Duration outOfOrderness = JobOptions.OUT_OF_ORDERNESS.defaultValue();
        private Duration idleTimeout = null; // the source's default
        private Duration watermarkInterval = Duration.ofMillis(200);
        private Duration windowSize = Duration.ofSeconds(1);
        private CheckpointMode checkpointing = JobOptions.CHECKPOINTING.defaultValue();
        private Duration checkpointInterval = JobOptions.CHECKPOINT_INTERVAL.defaultValue();
        private RestartKind restart = Target.EMBEDDED.restartStrategy;
        private int restartAttempts = Target.EMBEDDED.restartAttempts;
        private Duration restartDelay = JobOptions.RESTART_DELAY.defaultValue();
        private SinkKind sink = JobOptions.SINK.defaultValue();
        private String outputDir = JobOptions.OUTPUT_DIR.defaultValue();
        private ParseMode parse = ParseMode.JSON;
        private long failAfterRecords = JobOptions.FAIL_AFTER.defaultValue();
        private String jobName = DEFAULT_JOB_NAME;

        private Builder() {}

        public Builder source(SourceKind v) { source = v; return this; }
        public Builder generator(GeneratorConfig v) { generator = v; return this; }
        public Builder kafka(KafkaSettings v) { kafka = v; return this; }
        public Builder parallelism(int v) { parallelism = v; return this; }
        public Builder outOfOrderness(Duration v) { outOfOrderness = v; return this; }
        /** null: the source's default (5 s for the generator, off for Kafka). */
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder watermarkInterval(Duration v) { watermarkInterval = v; return this; }
        public Builder windowSize(Duration v) { windowSize = v; return this; }
        public Builder checkpointing(CheckpointMode v) { checkpointing = v; return this; }
        public Builder checkpointInterval(Duration v) { checkpointInterval = v; return this; }
        public Builder restart(RestartKind kind, int attempts, Duration delay) {
            restart = kind;
            restartAttempts = attempts;
            restartDelay = delay;
            return this;
        }
        public Builder sink(SinkKind v) { sink = v; return this; }
        public Builder outputDir(String v) { outputDir = v; return this; }
        public Builder parse(ParseMode v) { parse = v; return this; }
        public Builder failAfterRecords(long v) { failAfterRecords = v; return this; }
        public Builder jobName(String v) { jobName = v; return this; }

        public PipelineConfig build() {
            return new PipelineConfig(this);
        }
    }
}

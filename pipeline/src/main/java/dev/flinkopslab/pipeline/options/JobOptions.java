package dev.flinkopslab.pipeline.options;

import static org.apache.flink.configuration.ConfigOptions.key;

import dev.flinkopslab.pipeline.PipelineConfig.CheckpointMode;
import dev.flinkopslab.pipeline.PipelineConfig.RestartKind;
import dev.flinkopslab.pipeline.PipelineConfig.SinkKind;
import dev.flinkopslab.pipeline.PipelineConfig.SourceKind;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;

/**
 * The measurement job's options beyond the generator and Kafka. Where Flink has the option, the key is Flink's
 * own (parallelism, checkpoint interval, restart strategy, job name), so a Flink configuration map means the
 * same to the job as to Flink; the defaults are the job's. Read by {@code PipelineConfig.from}.
 */
public final class JobOptions {
    public static final ConfigOption<SourceKind> SOURCE = key("lab.source").enumType(SourceKind.class)
            .defaultValue(SourceKind.GENERATOR)
            .withDescription("Where records come from: the embedded generator, or a Kafka topic "
                    + "(see 'lab kafka', 'lab produce').");

    public static final ConfigOption<SinkKind> SINK = key("lab.sink").enumType(SinkKind.class)
            .defaultValue(SinkKind.PRINT)
            .withDescription("Where window results go: print (stdout), file (--output-dir), discard, or kafka "
                    + "(topic measurement-windows, exactly once).");

    public static final ConfigOption<String> OUTPUT_DIR = key("lab.sink.output-dir").stringType()
            .defaultValue("target/output")
            .withDescription("Directory of the file sink: windows/, late/, dead-letters/.");

    /** The default is lab run's; MeasurementJob on a cluster takes the parallelism it was submitted with. */
    public static final ConfigOption<Integer> PARALLELISM = key(CoreOptions.DEFAULT_PARALLELISM.key()).intType()
            .defaultValue(4)
            .withDescription("Parallelism of every operator.");

    /** Not Flink's {@code execution.checkpointing.mode}: that one has no "none". */
    public static final ConfigOption<CheckpointMode> CHECKPOINTING = key("lab.checkpointing")
            .enumType(CheckpointMode.class).defaultValue(CheckpointMode.EXACTLY_ONCE)
            .withDescription("Checkpointing mode; none keeps no state over a restart.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = key(CheckpointingOptions.CHECKPOINTING_INTERVAL.key())
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("Time between checkpoints.");

    /** No default here: it depends on where the job runs, see {@link Target}. */
    public static final ConfigOption<RestartKind> RESTART_STRATEGY = key(RestartStrategyOptions.RESTART_STRATEGY.key())
            .enumType(RestartKind.class).noDefaultValue()
            .withDescription("What Flink does when the job fails.");

    /** One option for both strategies: Flink's keys differ per strategy (fixed-delay.attempts, exponential-delay.attempts-before-reset-backoff). */
    public static final ConfigOption<Integer> RESTART_ATTEMPTS = key("lab.restart.attempts").intType().noDefaultValue()
            .withDescription("Restarts before the job fails for good.");

    public static final ConfigOption<Duration> RESTART_DELAY = key("lab.restart.delay").durationType()
            .defaultValue(Duration.ofSeconds(1))
            .withDescription("Delay before a restart; the initial backoff for exponential-delay.");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS = key("lab.watermark.out-of-orderness").durationType()
            .defaultValue(Duration.ofMillis(250))
            .withDescription("Watermark bound: how far out of order events may arrive and still count.");

    public static final ConfigOption<Duration> IDLE_TIMEOUT = key("lab.watermark.idle-timeout").durationType()
            .noDefaultValue()
            .withDescription("A partition silent this long stops holding the watermark back; 0 disables "
                    + "(default: 5s for the generator, 0 for Kafka: while a backlog is read, a partition waiting "
                    + "its turn would look idle and its records turn late).");

    public static final ConfigOption<Long> FAIL_AFTER = key("lab.fail-after").longType().defaultValue(0L)
            .withDescription("Inject one failure after n records and a completed checkpoint, for demos; 0 = never.");

    public static final ConfigOption<String> JOB_NAME = key(PipelineOptions.NAME.key()).stringType()
            .defaultValue("measurement-pipeline")
            .withDescription("The job's name in Flink.");

    private JobOptions() {}
}

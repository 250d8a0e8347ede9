package dev.flinkopslab.pipeline.options;

import static dev.flinkopslab.pipeline.options.JobArgument.choice;
import static dev.flinkopslab.pipeline.options.JobArgument.duration;
import static dev.flinkopslab.pipeline.options.JobArgument.flag;
import static dev.flinkopslab.pipeline.options.JobArgument.fraction;
import static dev.flinkopslab.pipeline.options.JobArgument.integer;
import static dev.flinkopslab.pipeline.options.JobArgument.number;
import static dev.flinkopslab.pipeline.options.JobArgument.partitions;
import static dev.flinkopslab.pipeline.options.JobArgument.text;

import dev.flinkopslab.pipeline.PipelineConfig.CheckpointMode;
import dev.flinkopslab.pipeline.PipelineConfig.RestartKind;
import dev.flinkopslab.pipeline.PipelineConfig.SinkKind;
import dev.flinkopslab.pipeline.PipelineConfig.SourceKind;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;

/**
 * The job's command line: every option by its dashed name ({@code --checkpoint-interval 1s}), parsed into a Flink
 * {@link Configuration} through the option declarations. The one parser of job options: {@code MeasurementJob}'s
 * program arguments, and {@code lab run}, {@code lab submit} and {@code lab produce}, which pass it their options.
 */
public final class JobArguments {
    /** Every option of the job. */
    public static final List<JobArgument<?>> ALL = List.of(
            number("rate", GeneratorOptions.RATE).mustBe("0 (as fast as possible) or positive", v -> v >= 0),
            number("records", GeneratorOptions.RECORDS).mustBe("positive", v -> v > 0),
            number("seed", GeneratorOptions.SEED),
            fraction("malformed", GeneratorOptions.MALFORMED),
            fraction("late", GeneratorOptions.LATE),
            partitions("idle-partitions", GeneratorOptions.IDLE_PARTITIONS),
            number("idle-after", GeneratorOptions.IDLE_AFTER),
            text("bootstrap-servers", KafkaOptions.BOOTSTRAP_SERVERS),
            text("topic", KafkaOptions.TOPIC),
            flag("stop-at-latest", KafkaOptions.STOP_AT_LATEST),
            integer("parallelism", JobOptions.PARALLELISM).mustBe("at least 1", v -> v >= 1),
            choice("source", JobOptions.SOURCE, SourceKind.class),
            choice("sink", JobOptions.SINK, SinkKind.class),
            text("output-dir", JobOptions.OUTPUT_DIR),
            choice("checkpointing", JobOptions.CHECKPOINTING, CheckpointMode.class),
            duration("checkpoint-interval", JobOptions.CHECKPOINT_INTERVAL),
            choice("restart-strategy", JobOptions.RESTART_STRATEGY, RestartKind.class),
            integer("restart-attempts", JobOptions.RESTART_ATTEMPTS),
            duration("restart-delay", JobOptions.RESTART_DELAY),
            duration("out-of-orderness", JobOptions.OUT_OF_ORDERNESS),
            duration("idle-timeout", JobOptions.IDLE_TIMEOUT),
            number("fail-after", JobOptions.FAIL_AFTER).mustBe("0 (never) or positive", v -> v >= 0),
            text("job-name", JobOptions.JOB_NAME));

    private JobArguments() {}

    /** The option called {@code --name}, if the job has one. */
    public static Optional<JobArgument<?>> named(String name) {
        return ALL.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * {@code --name value} pairs (or {@code --name=value}; a flag may stand alone) → the options they set.
     *
     * @throws IllegalArgumentException one line: what is wrong and how to fix it
     */
    public static Configuration parse(List<String> args) {
        Configuration conf = new Configuration();
        int i = 0;
        while (i < args.size()) {
            String word = args.get(i);
            int eq = word.indexOf('=');
            String name = word.startsWith("--") ? word.substring(2, eq > 0 ? eq : word.length()) : "";
            JobArgument<?> arg = named(name).orElseThrow(() -> new IllegalArgumentException("unknown argument '" + word
                    + "'; known: " + ALL.stream().map(a -> "--" + a.name()).sorted().collect(Collectors.joining(", "))));
            if (eq > 0) {
                arg.set(conf, word.substring(eq + 1));
                i += 1;
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                arg.set(conf, args.get(i + 1));
                i += 2;
            } else if (arg.isFlag()) { // written as lab run's flag: --stop-at-latest
                arg.set(conf, "true");
                i += 1;
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return conf;
    }

    public static Configuration parse(String... args) {
        return parse(List.of(args));
    }
}

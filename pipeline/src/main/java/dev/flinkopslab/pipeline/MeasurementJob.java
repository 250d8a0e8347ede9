package dev.flinkopslab.pipeline;

import dev.flinkopslab.pipeline.PipelineConfig.CheckpointMode;
import dev.flinkopslab.pipeline.PipelineConfig.SinkKind;
import dev.flinkopslab.source.GeneratorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The measurement pipeline as a job for a real cluster: the entry class of the job JAR that {@code lab submit}
 * uploads. Program arguments are {@code --key value} pairs named like {@code lab run}'s options:
 * {@code --records --rate --sink --output-dir --checkpointing --checkpoint-interval --malformed --late
 * --idle-partitions --idle-after --seed --parallelism --job-name --source --bootstrap-servers --topic
 * --restart-strategy --restart-attempts --restart-delay --idle-timeout --out-of-orderness --stop-at-latest}
 * ({@code --stop-at-latest}, alone or with true/false: read the topic up to the offsets that are the latest at the
 * start, then finish).
 * On a cluster the default restart strategy is
 * exponential-delay without an attempt limit, from 1 s: replacing a lost TaskManager takes tens of seconds,
 * longer than a short fixed budget of restarts lasts. Without {@code --parallelism} the job takes the
 * parallelism it was submitted with. Bad arguments throw {@link IllegalArgumentException} with a clear message.
 */
public final class MeasurementJob {
    private static final Set<String> KEYS = Set.of("records", "rate", "sink", "output-dir", "checkpointing",
            "checkpoint-interval", "malformed", "late", "idle-partitions", "idle-after", "seed", "parallelism",
            "job-name", "source", "bootstrap-servers", "topic", "restart-strategy", "restart-attempts", "restart-delay",
            "idle-timeout", "out-of-orderness", "stop-at-latest");
    /** Booleans that, as in lab run, may stand alone: {@code --stop-at-latest} means {@code --stop-at-latest true}. */
    private static final Set<String> FLAGS = Set.of("stop-at-latest");

    private MeasurementJob() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PipelineConfig cfg = config(args, env.getParallelism());
        env.configure(MeasurementPipeline.flinkConfiguration(cfg));
        PipelineSinks.attach(MeasurementPipeline.build(env, cfg), cfg);
        env.execute(cfg.jobName);
    }

    /** Program arguments → the pipeline's typed config; {@code defaultParallelism} when none is given. */
    public static PipelineConfig config(String[] args, int defaultParallelism) {
        Map<String, String> a = parse(args);
        GeneratorConfig.Builder generator = GeneratorConfig.builder()
                .seed(number(a, "seed", 42L))
                .eventsPerSecond(number(a, "rate", 1000L))
                .malformedFraction(fraction(a, "malformed"))
                .lateFraction(fraction(a, "late"))
                .idlePartitions(partitions(a.get("idle-partitions")), number(a, "idle-after", 0L));
        if (a.containsKey("records")) {
            generator.maxRecords(number(a, "records", 0L));
        }
        PipelineConfig.Builder b = PipelineConfig.builder().generator(generator.build())
                .parallelism((int) number(a, "parallelism", (long) defaultParallelism))
                .sink(choice(a, "sink", SinkKind.class, SinkKind.PRINT))
                .checkpointing(choice(a, "checkpointing", CheckpointMode.class, CheckpointMode.EXACTLY_ONCE))
                .checkpointInterval(duration(a, "checkpoint-interval", Duration.ofSeconds(10)))
                .idleTimeout(duration(a, "idle-timeout", null)) // none given: the source's default
                .outOfOrderness(duration(a, "out-of-orderness", PipelineConfig.defaults().outOfOrderness))
                .restart(choice(a, "restart-strategy", PipelineConfig.RestartKind.class, PipelineConfig.RestartKind.EXPONENTIAL_DELAY),
                        (int) number(a, "restart-attempts", (long) Integer.MAX_VALUE),
                        duration(a, "restart-delay", Duration.ofSeconds(1)));
        b.source(choice(a, "source", PipelineConfig.SourceKind.class, PipelineConfig.SourceKind.GENERATOR));
        KafkaSettings kafka = KafkaSettings.defaults();
        if (a.containsKey("bootstrap-servers")) {
            kafka = kafka.withBootstrapServers(a.get("bootstrap-servers"));
        }
        if (a.containsKey("topic")) {
            kafka = kafka.withTopic(a.get("topic"));
        }
        kafka = kafka.withStopAtLatest(bool(a, "stop-at-latest"));
        b.kafka(kafka);
        if (a.containsKey("output-dir")) {
            b.outputDir(a.get("output-dir"));
        }
        if (a.containsKey("job-name")) {
            b.jobName(a.get("job-name"));
        }
        return b.build();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        int i = 0;
        while (i < args.length) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (key == null || !KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'; known: --" + String.join(", --", KEYS.stream().sorted().toList()));
            }
            boolean valueFollows = i + 1 < args.length && !args[i + 1].startsWith("--");
            if (FLAGS.contains(key) && !valueFollows) { // written as lab run's flag: --stop-at-latest
                values.put(key, "true");
                i += 1;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
            values.put(key, args[i + 1]);
            i += 2;
        }
        return values;
    }

    private static long number(Map<String, String> a, String key, long otherwise) {
        String v = a.get(key);
        try {
            return v == null ? otherwise : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a whole number (got '" + v + "')");
        }
    }

    private static boolean bool(Map<String, String> a, String key) {
        String v = a.getOrDefault(key, "false");
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("--" + key + " must be true or false (got '" + v + "')");
        }
        return Boolean.parseBoolean(v);
    }

    private static double fraction(Map<String, String> a, String key) {
        String v = a.getOrDefault(key, "0");
        try {
            double d = Double.parseDouble(v);
            if (d < 0 || d > 1) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a fraction within 0..1 (got '" + v + "')");
        }
    }

    private static <E extends Enum<E>> E choice(Map<String, String> a, String key, Class<E> type, E otherwise) {
        String v = a.get(key);
        if (v == null) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new IllegalArgumentException("--" + key + " must be one of " + String.join(", ", names) + " (got '" + v + "')");
        }
    }

    private static Duration duration(Map<String, String> a, String key, Duration otherwise) {
        String v = a.get(key);
        if (v == null) {
            return otherwise;
        }
        try {
            return Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + key + " must be a duration like 500ms, 10s, 5m (got '" + v + "')");
        }
    }

    private static List<Integer> partitions(String v) {
        List<Integer> list = new ArrayList<>();
        if (v == null || v.isBlank()) {
            return list;
        }
        for (String p : v.split(",")) {
            try {
                list.add(Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--idle-partitions must be partition numbers like 6,7 (got '" + v + "')");
            }
        }
        return list;
    }
}

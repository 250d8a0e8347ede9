package dev.flinkopslab.pipeline.options;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/** The generated "measurements" data: how much, how fast, how dirty. Read by {@code GeneratorConfig.from}. */
public final class GeneratorOptions {
    public static final ConfigOption<Long> RATE = key("lab.generator.rate").longType().defaultValue(1000L)
            .withDescription("Events per second over all partitions; 0 = as fast as possible.");

    public static final ConfigOption<Long> RECORDS = key("lab.generator.records").longType().noDefaultValue()
            .withDescription("Records in all, then stop: a bounded run, the same records with the same event "
                    + "times every time (default: unbounded).");

    public static final ConfigOption<Long> SEED = key("lab.generator.seed").longType().defaultValue(42L)
            .withDescription("Seed of the generated data; same seed, same records.");

    public static final ConfigOption<Double> MALFORMED = key("lab.generator.malformed").doubleType().defaultValue(0.0)
            .withDescription("Fraction 0..1 of records that are not valid measurements (dead letters).");

    public static final ConfigOption<Double> LATE = key("lab.generator.late").doubleType().defaultValue(0.0)
            .withDescription("Fraction 0..1 of records delayed beyond the watermark (late records).");

    public static final ConfigOption<List<Integer>> IDLE_PARTITIONS = key("lab.generator.idle-partitions").intType()
            .asList().defaultValues()
            .withDescription("Source partitions that go silent, e.g. 6,7 (default: none).");

    public static final ConfigOption<Long> IDLE_AFTER = key("lab.generator.idle-after").longType().defaultValue(0L)
            .withDescription("Records each idle partition produces before going silent.");

    private GeneratorOptions() {}
}

package dev.flinkopslab.exercises.migration;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.exercises.check.CheckContext;
import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.exercises.check.CheckRun;
import dev.flinkopslab.exercises.check.Figure;
import dev.flinkopslab.exercises.migration.solution.SensorStatisticsSolution;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.source.MeasurementRecordGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

/** Exercise 7: version 2 of the job cannot start from version 1's savepoint. */
@DoNotChangeThis("the check measures your SensorStatistics through this class")
public final class StateMigrationExercise implements Exercise {
    /** V1 reads this many records of each partition, then its partitions fall silent: its state is complete. */
    static final long V1_RECORDS_PER_PARTITION = 1_000;
    /** V2 reads on from there up to this offset, so its state must be V1's plus exactly these records. */
    static final long V2_RECORDS_PER_PARTITION = 1_500;
    /** A fixed event-time origin in the past: records (and their timestamps) are a function of the offset alone. */
    static final long ORIGIN_MS = Instant.parse("2025-06-01T00:00:00Z").toEpochMilli();
    static final long SEED = 107;

    @Override
    public int number() {
        return 7;
    }

    @Override
    public String slug() {
        return "state-migration";
    }

    @Override
    public String title() {
        return "State migration";
    }

    @Override
    public String symptom() {
        return "version 2 of the job does not start from version 1's savepoint; it fails while restoring its state";
    }

    /**
     * Version 2 at 2,000 records/s, restarting forever as a production deployment would. The parts of
     * {@link #parts} start it from a savepoint of version 1, taken just before (see {@link V1Deployment}).
     */
    @Override
    public PipelineConfig runConfig() {
        return PipelineConfig.builder()
                .generator(GeneratorConfig.builder().unbounded().eventsPerSecond(2_000).build())
                .checkpointInterval(Duration.ofSeconds(5))
                .restart(PipelineConfig.RestartKind.FIXED_DELAY, Integer.MAX_VALUE, Duration.ofSeconds(5))
                .build();
    }

    /** Version 2: the learner's or the solution. */
    @Override
    public PipelineParts parts(Variant variant) {
        return withStatistics(version2(variant));
    }

    /**
     * Version 2 deployed as an upgrade: version 1 runs briefly first and the job starts from its savepoint
     * (see {@link V1Deployment}). The check does the same steps itself, with its own measured data.
     */
    @Override
    public PipelineParts partsForRun(Variant variant, java.io.PrintStream progress) {
        return new PipelineParts() {
            @Override
            public DataStream<Measurement> beforeWindows(DataStream<Measurement> measurements, PipelineConfig c) {
                return StatisticsStep.attach(measurements, version2(variant));
            }

            @Override
            public void configure(Configuration flinkConfiguration, PipelineConfig c) {
                if (!flinkConfiguration.contains(StateRecoveryOptions.SAVEPOINT_PATH)) {
                    Path savepoint = V1Deployment.savepoint(c, progress);
                    flinkConfiguration.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
                }
            }
        };
    }

    static PipelineParts withStatistics(KeyedProcessFunction<String, Measurement, Measurement> statistics) {
        return new PipelineParts() {
            @Override
            public DataStream<Measurement> beforeWindows(DataStream<Measurement> measurements, PipelineConfig c) {
                return StatisticsStep.attach(measurements, statistics);
            }
        };
    }

    private static KeyedProcessFunction<String, Measurement, Measurement> version2(Variant variant) {
        return variant == Variant.SOLUTION ? new SensorStatisticsSolution() : new SensorStatistics();
    }

    @Override
    public PipelineParts checkedParts(Variant variant) {
        return withStatistics(version2(variant));
    }

    /** Version 1, its savepoint, version 2 from it, its savepoint, and reading both: four small jobs, 9–20 s. */
    @Override
    public Duration checkDuration() {
        return Duration.ofSeconds(15);
    }

    static final String LOW_BATTERY_READINGS = "numLowBatteryReadings";
    /** A sensor about to die, as the exercise defines it: below 15 % battery. */
    static final int LOW_BATTERY_PERCENT = 15;

    /** Readings version 2 reads (offsets V1→V2 of every partition) from a sensor below 15 % battery. */
    static long lowBatteryReadings() {
        GeneratorConfig data = config(V2_RECORDS_PER_PARTITION).generator;
        MeasurementRecordGenerator generator = new MeasurementRecordGenerator(data);
        long n = 0;
        for (int p = 0; p < data.partitions(); p++) {
            for (long o = V1_RECORDS_PER_PARTITION; o < V2_RECORDS_PER_PARTITION; o++) {
                n += generator.generateBounded(p, o, ORIGIN_MS).measurement().batteryPercent < LOW_BATTERY_PERCENT ? 1 : 0;
            }
        }
        return n;
    }

    /** {@code parts}: version 2 of the job, its statistics step attached through {@link StatisticsStep}. */
    @Override
    public CheckResult check(PipelineParts parts, Variant variant, CheckContext context) throws Exception {
        CheckResult result = new CheckResult(this, variant);
        result.hint("Version 2 must restore version 1's state: keep the state '" + StatisticsStep.STATE_NAME
                + "' with its name and its type (ValueState<SensorStats>) and put what version 2 adds beside it, in "
                + "new state. The check reads '" + StatisticsStep.STATE_NAME + "' of operator '" + StatisticsStep.UID
                + "' from both savepoints. Details in the exercise README.");
        Path savepoints = context.workDir().resolve("savepoints");

        Path v1Savepoint = runVersion1(context, savepoints.resolve("v1"));
        context.progress().println("  version 2: restoring from " + v1Savepoint + ", then reading up to offset "
                + V2_RECORDS_PER_PARTITION);
        Path v2Savepoint = null;
        String restoreFailure = null;
        Map<String, SensorStats> v1State;
        Map<String, SensorStats> v2State = Map.of();
        long lowBattery = -1;
        try (CheckRun v2 = CheckRun.startFromSavepoint(config(V2_RECORDS_PER_PARTITION), parts, context, v1Savepoint)) {
            long toRead = 8 * (V2_RECORDS_PER_PARTITION - V1_RECORDS_PER_PARTITION);
            try {
                if (UpgradeSteps.awaitAllRead(v2, toRead, Duration.ofSeconds(60))) {
                    v2Savepoint = v2.stopWithSavepoint(savepoints.resolve("v2"));
                    lowBattery = v2.counter(LOW_BATTERY_READINGS);
                }
            } catch (Exception e) {
                context.progress().println("  version 2: stop with savepoint failed: " + e.getMessage());
            }
            if (v2Savepoint == null) {
                v2.awaitEnd(Duration.ofSeconds(30));
                restoreFailure = UpgradeSteps.failureCause(v2);
            }
            // Read on this cluster, now that version 2 has ended and its slots are free.
            v1State = StatsSavepoints.read(v2.restUrl(), v1Savepoint);
            if (v2Savepoint != null) {
                v2State = StatsSavepoints.read(v2.restUrl(), v2Savepoint);
            }
        }
        context.progress().println("  sensors with state: " + v1State.size() + " in version 1's savepoint, "
                + (v2Savepoint == null ? "version 2 did not restore" : v2State.size() + " in version 2's"));

        result.figure(Figure.atLeast("sensors with state in V1's savepoint", v1State.size(), "", 100));
        if (v2Savepoint == null) {
            result.error = "version 2 did not start from version 1's savepoint: " + restoreFailure;
            result.figure(Figure.equalTo("V2 restored from V1's savepoint", 0, "", 1))
                    .figure(Figure.equalTo("sensors whose state differs after the restore", v1State.size(), "", 0));
            return result;
        }
        Figure differs = Figure.equalTo("sensors whose state differs after the restore",
                differing(carriedForward(v1State), v2State), "", 0);
        Figure battery = Figure.equalTo("numLowBatteryReadings (readings below "
                + LOW_BATTERY_PERCENT + " % battery V2 read)", lowBattery, "", lowBatteryReadings());
        result.figure(Figure.equalTo("V2 restored from V1's savepoint", 1, "", 1)).figure(differs).figure(battery);
        if (differs.met() && !battery.met()) {
            result.hint("Version 2 restores version 1's statistics; now count in 'numLowBatteryReadings' each reading "
                    + "whose own battery level is below " + LOW_BATTERY_PERCENT + " %, once. "
                    + "Details in the exercise README.");
        }
        return result;
    }

    /** Production before the upgrade: version 1 reads its records and is stopped with a savepoint. */
    private static Path runVersion1(CheckContext context, Path savepointDir) throws Exception {
        context.progress().println("  version 1: reading " + V1_RECORDS_PER_PARTITION + " records per partition");
        try (CheckRun v1 = CheckRun.start(config(V1_RECORDS_PER_PARTITION), withStatistics(new SensorStatisticsV1()),
                context)) {
            if (!UpgradeSteps.awaitAllRead(v1, 8 * V1_RECORDS_PER_PARTITION, Duration.ofSeconds(60))) {
                throw new IllegalStateException("version 1 did not read its records: " + v1.status());
            }
            return v1.stopWithSavepoint(savepointDir);
        }
    }

    /** Both versions read the same data set; only how far they read differs. */
    static PipelineConfig config(long recordsPerPartition) {
        GeneratorConfig data = GeneratorConfig.builder().seed(SEED).unbounded().eventTimeOriginMs(ORIGIN_MS)
                .idlePartitions(IntStream.range(0, 8).boxed().toList(), recordsPerPartition).build();
        return PipelineConfig.builder().generator(data).parallelism(2)
                .restart(PipelineConfig.RestartKind.NONE, 0, Duration.ZERO).build();
    }

    /** V1's state with the records V2 read after the restore (offsets V1→V2 of every partition) added. */
    static Map<String, SensorStats> carriedForward(Map<String, SensorStats> v1State) {
        GeneratorConfig data = config(V2_RECORDS_PER_PARTITION).generator;
        MeasurementRecordGenerator generator = new MeasurementRecordGenerator(data);
        Map<String, SensorStats> state = new HashMap<>();
        v1State.forEach((sensor, stats) -> state.put(sensor, stats.copy()));
        for (int p = 0; p < data.partitions(); p++) {
            for (long o = V1_RECORDS_PER_PARTITION; o < V2_RECORDS_PER_PARTITION; o++) {
                Measurement m = generator.generateBounded(p, o, ORIGIN_MS).measurement();
                state.computeIfAbsent(m.sensorId, k -> new SensorStats()).add(m);
            }
        }
        return state;
    }

    static long differing(Map<String, SensorStats> expected, Map<String, SensorStats> actual) {
        Set<String> sensors = new HashSet<>(expected.keySet());
        sensors.addAll(actual.keySet());
        return sensors.stream().filter(s -> !Objects.equals(expected.get(s), actual.get(s))).count();
    }
}

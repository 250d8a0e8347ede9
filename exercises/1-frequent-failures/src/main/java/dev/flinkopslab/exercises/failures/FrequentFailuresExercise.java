package dev.flinkopslab.exercises.failures;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.exercises.check.CheckContext;
import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.exercises.check.CheckRun;
import dev.flinkopslab.exercises.check.Figure;
import dev.flinkopslab.exercises.check.WindowResults;
import dev.flinkopslab.exercises.failures.solution.ParseRecordsSolution;
import dev.flinkopslab.exercises.Seam;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.CountInvalidRecords;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.source.MeasurementRecordGenerator;
import dev.flinkopslab.source.SourceRecord;
import java.time.Duration;
import java.util.Set;
import org.apache.flink.streaming.api.functions.ProcessFunction;

/** Exercise 1: a job that restarts on every malformed record. */
@DoNotChangeThis("the check measures your ParseRecords through this class")
public final class FrequentFailuresExercise implements Exercise {
    /** 0.5% of 40,000 records are malformed, replayed at 8,000/s: about 200 bad records in 5 s. */
    static final GeneratorConfig CHECK_DATA = GeneratorConfig.builder().seed(101).maxRecords(40_000)
            .malformedFraction(0.005).eventsPerSecond(8_000).build();

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String slug() {
        return "frequent-failures";
    }

    @Override
    public String title() {
        return "Frequent failures";
    }

    @Override
    public String symptom() {
        return "the job restarts again and again; the Web UI's Exceptions tab fills up";
    }

    @Override
    public PipelineConfig runConfig() {
        return PipelineConfig.builder()
                .generator(GeneratorConfig.builder().unbounded().eventsPerSecond(2_000).malformedFraction(0.001).build())
                .checkpointInterval(Duration.ofSeconds(5))
                .restart(PipelineConfig.RestartKind.FIXED_DELAY, Integer.MAX_VALUE, Duration.ofSeconds(2))
                .build();
    }

    @Override
    public Set<Seam> seams() {
        return Set.of(Seam.PARSE);
    }

    @Override
    public PipelineParts parts(Variant variant) {
        return new PipelineParts() {
            @Override
            public ProcessFunction<SourceRecord, Measurement> deserializer(PipelineConfig c) {
                return variant == Variant.SOLUTION
                        ? new ParseRecordsSolution(MeasurementPipeline.DEAD_LETTERS) : new ParseRecords();
            }
        };
    }

    /** A bounded run of {@link #CHECK_DATA}: about 5 s of records, the cluster's start, and restarts if it fails. */
    @Override
    public Duration checkDuration() {
        return Duration.ofSeconds(15);
    }

    @Override
    public CheckResult check(PipelineParts parts, Variant variant, CheckContext context) throws Exception {
        PipelineConfig config = PipelineConfig.builder().generator(CHECK_DATA).parallelism(2)
                .idleTimeout(Duration.ZERO).checkpointInterval(Duration.ofMillis(500))
                .restart(PipelineConfig.RestartKind.FIXED_DELAY, 5, Duration.ofMillis(500))
                .build();
        long malformed = countMalformed(CHECK_DATA);
        long valid = CHECK_DATA.maxRecords() - malformed;
        CheckResult result = new CheckResult(this, variant);
        try (CheckRun run = CheckRun.start(config, parts, context)) {
            run.awaitEnd(Duration.ofSeconds(90));
            run.stop();
            long inWindows = WindowResults.parseCsv(run.windows()).stream().mapToLong(w -> w.count).sum();
            Figure restarts = Figure.equalTo("restarts", run.failures(), "", 0);
            Figure counted = Figure.equalTo("numInvalidRecords", run.counter(CountInvalidRecords.INVALID_RECORDS_METRIC), "", malformed);
            Figure deadLetters = Figure.equalTo("records in dead-letter output", run.deadLetters().size(), "", malformed);
            Figure windows = Figure.equalTo("valid records in windows", inWindows, "", valid);
            Figure results = WindowResults.ofRun(run).figure(MIN_WINDOWS);
            result.figure(restarts).figure(counted).figure(deadLetters).figure(windows).figure(results);
            return result.hint(hint(restarts, counted, deadLetters, windows, results, malformed, valid));
        }
    }

    /** 40,000 records, 5,000 per partition 0.8 ms apart: 4 s of event time, 50 windows of ten locations. */
    static final long MIN_WINDOWS = 40;

    /** One hint per missed figure, in the order a learner fixes them. */
    static String hint(Figure restarts, Figure counted, Figure deadLetters, Figure windows, Figure results,
                       long malformed, long valid) {
        java.util.List<String> hints = new java.util.ArrayList<>();
        if (!restarts.met()) {
            hints.add("The job still fails and restarts: a malformed record must not throw out of processElement. "
                    + "Catch the parse error (InvalidRecordException) and handle the record instead.");
        }
        if (!counted.met() && deadLetters.met()) {
            // The job counts what reaches the dead-letter output; a count off with the dead letters right means
            // something else registered or bumped that metric.
            hints.add("'numInvalidRecords' is counted by the job for every record in the dead-letter output: do "
                    + "not register or increment a counter of that name yourself.");
        }
        if (!deadLetters.met()) {
            hints.add(deadLetters.value() == 0
                    ? "No malformed record reaches the dead-letter output: send each to MeasurementPipeline.DEAD_LETTERS "
                            + "with ctx.output(...), with where it came from and why it was rejected."
                    : deadLetters.value() > malformed
                            ? "Some malformed records reach the dead-letter output twice: emit each one once."
                            : "Some malformed records are missing from the dead-letter output: send every rejected record.");
        }
        if (!windows.met() && restarts.met()) {
            hints.add(windows.value() > valid
                    ? "The windows count more valid records than there are: each parsed measurement must be emitted "
                            + "once (one out.collect per record)."
                    : "Valid records are lost before the windows: only records the parser rejects may leave the main output.");
        }
        if (!results.met() && results.measured() && windows.met() && restarts.met()) {
            hints.add("The window results differ from the reference: emit each parsed measurement as the parser "
                    + "returns it, unchanged.");
        }
        if (hints.isEmpty()) {
            hints.add("Malformed records must not fail the job: catch the parse error and send the record to "
                    + "MeasurementPipeline.DEAD_LETTERS, where the job counts it in 'numInvalidRecords'.");
        }
        return String.join(" ", hints) + " Details in the exercise README.";
    }

    private static long countMalformed(GeneratorConfig data) {
        MeasurementRecordGenerator generator = new MeasurementRecordGenerator(data);
        long origin = data.resolveOrigin(0);
        long n = 0;
        for (int p = 0; p < data.partitions(); p++) {
            for (long o = 0; o < data.recordsInPartition(p); o++) {
                n += generator.generateBounded(p, o, origin).malformed() ? 1 : 0;
            }
        }
        return n;
    }
}

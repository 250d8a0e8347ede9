package dev.flinkopslab.exercises.failures;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.exercises.check.CheckContext;
import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.exercises.check.CheckRun;
import dev.flinkopslab.exercises.check.Figure;
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

    @Override
    public CheckResult check(Variant variant, CheckContext context) throws Exception {
        PipelineConfig config = PipelineConfig.builder().generator(CHECK_DATA).parallelism(2)
                .idleTimeout(Duration.ZERO).checkpointInterval(Duration.ofMillis(500))
                .restart(PipelineConfig.RestartKind.FIXED_DELAY, 5, Duration.ofMillis(500))
                .build();
        long malformed = countMalformed(CHECK_DATA);
        long valid = CHECK_DATA.maxRecords() - malformed;
        CheckResult result = new CheckResult(this, variant);
        try (CheckRun run = CheckRun.start(config, parts(variant), context)) {
            run.awaitEnd(Duration.ofSeconds(90));
            run.stop();
            long inWindows = run.windows().stream().mapToLong(line -> Long.parseLong(line.split(",")[3])).sum();
            result.figure(Figure.equalTo("restarts", run.failures(), "", 0))
                    .figure(Figure.equalTo("numInvalidRecords", run.counter(CountInvalidRecords.INVALID_RECORDS_METRIC), "", malformed))
                    .figure(Figure.equalTo("records in dead-letter output", run.deadLetters().size(), "", malformed))
                    .figure(Figure.equalTo("valid records in windows", inWindows, "", valid));
        }
        return result.hint("Malformed records must not fail the job: catch the parse error and send the record "
                + "to MeasurementPipeline.DEAD_LETTERS (ctx.output) instead of throwing; the job counts what goes "
                + "there in 'numInvalidRecords'. Details in the exercise README.");
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

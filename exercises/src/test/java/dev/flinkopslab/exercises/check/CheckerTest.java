package dev.flinkopslab.exercises.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.source.GeneratorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A check whose job cannot start, or whose code throws, is a clear FAIL with the cause — never a crash. */
class CheckerTest {

    /** A learner step without a uid: the job is rejected at submission (the pipeline forbids generated uids). */
    private static final PipelineParts STEP_WITHOUT_UID = new PipelineParts() {
        @Override
        public DataStream<Measurement> beforeWindows(DataStream<Measurement> measurements, PipelineConfig c) {
            return measurements.map(m -> m, TypeInformation.of(Measurement.class)).name("no uid");
        }
    };

    private static Exercise exercise(PipelineParts parts, boolean throwInCheck) {
        return new Exercise() {
            public int number() { return 99; }
            public String slug() { return "broken"; }
            public String title() { return "A broken exercise"; }
            public String symptom() { return "it does not start"; }
            public PipelineConfig runConfig() { return PipelineConfig.defaults(); }
            public PipelineParts parts(Variant variant) { return parts; }

            public CheckResult check(PipelineParts parts, Variant variant, CheckContext context) throws Exception {
                if (throwInCheck) {
                    throw new IllegalStateException("the learner's code threw");
                }
                PipelineConfig config = PipelineConfig.builder().parallelism(1)
                        .generator(GeneratorConfig.builder().maxRecords(1_000).build()).build();
                try (CheckRun run = CheckRun.start(config, parts, context)) {
                    run.awaitEnd(Duration.ofSeconds(30));
                    return new CheckResult(this, variant).figure(Figure.equalTo("restarts", run.failures(), "", 0));
                }
            }
        };
    }

    @Test
    void aJobThatCannotStartIsAFailWithItsCause(@TempDir Path reports) throws Exception {
        CheckResult result = Checker.check(exercise(STEP_WITHOUT_UID, false), Variant.LEARNER, reports, System.out);

        assertThat(result.passed()).isFalse();
        assertThat(result.error).startsWith("the job did not run: ").containsIgnoringCase("uid");
        assertThat(result.hint).isNotBlank();
        var json = new ObjectMapper().readTree(CheckReports.jsonFile(reports, 99, "LEARNER").toFile());
        assertThat(json.path("result").asText()).isEqualTo("FAIL");
        assertThat(Files.readString(reports.resolve("report.html"))).contains("A broken exercise", "FAIL");
    }

    @Test
    void aCheckThatThrowsIsAFailWithTheMessage(@TempDir Path reports) {
        CheckResult result = Checker.check(exercise(PipelineParts.REFERENCE, true), Variant.SOLUTION, reports, System.out);

        assertThat(result.passed()).isFalse();
        assertThat(result.error).isEqualTo("the job did not run: IllegalStateException: the learner's code threw");
    }

    @Test
    void theSameExerciseWithItsStepFixedPasses(@TempDir Path reports) {
        CheckResult result = Checker.check(exercise(PipelineParts.REFERENCE, false), Variant.SOLUTION, reports, System.out);

        assertThat(result.passed()).as("error: %s", result.error).isTrue();
    }
}

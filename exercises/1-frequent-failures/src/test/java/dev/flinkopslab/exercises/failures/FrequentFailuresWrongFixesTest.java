package dev.flinkopslab.exercises.failures;

import static dev.flinkopslab.exercises.check.CheckAssertions.assertFailsOn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.exercises.failures.wrongfixes.SwallowMalformedRecords;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.source.SourceRecord;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plausible wrong fixes of exercise 1 that the measured check must FAIL, with the figure that catches each. */
class FrequentFailuresWrongFixesTest {
    @TempDir
    Path reports;

    static PipelineParts parsing(Supplier<ProcessFunction<SourceRecord, Measurement>> parse) {
        return new PipelineParts() {
            @Override
            public ProcessFunction<SourceRecord, Measurement> deserializer(PipelineConfig c) {
                return parse.get();
            }
        };
    }

    @Test
    void swallowingMalformedRecordsHidesThem() {
        CheckResult result = assertFailsOn(new FrequentFailuresExercise(), parsing(SwallowMalformedRecords::new), reports,
                "numInvalidRecords", "records in dead-letter output");
        assertThat(result.hint).contains("No malformed record reaches the dead-letter").doesNotContain("do not register");
    }
}

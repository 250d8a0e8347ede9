package dev.flinkopslab.exercises.capacity;

import static dev.flinkopslab.exercises.check.CheckAssertions.assertFailsOn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.exercises.capacity.solution.DecodeMeasurementsSolution;
import dev.flinkopslab.exercises.capacity.wrongfixes.SharedMapperStillMaps;
import dev.flinkopslab.exercises.capacity.wrongfixes.TruncatingDecoder;
import dev.flinkopslab.exercises.check.Figure;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plausible wrong fixes of exercise 4 that the check must FAIL, with the figure that catches each. */
class CapacityWrongFixesTest {
    @TempDir
    Path reports;

    /** Caught by the check's fast part, which finds Kryo types without running the job. */
    @Test
    void aSharedMapperWithEventsStillAsMapsKeepsKryoTypes() {
        Figure f = CapacityExercise.genericTypes(new SharedMapperStillMaps());
        assertThat(f.name()).isEqualTo("generic (Kryo) types in the job");
        assertThat(f.met()).as(f.toString()).isFalse();
        assertThat(CapacityExercise.genericTypes(new DecodeMeasurementsSolution()).met()).isTrue();
    }

    /** As fast as the reference, so only the results catch it: the measured check, in full. */
    @Test
    void aFastDecoderThatTruncatesValuesGivesWrongResults() {
        assertFailsOn(new CapacityExercise(), new TruncatingDecoder(), reports, "window results equal to the reference");
    }
}

package dev.flinkopslab.exercises.reuse;

import static dev.flinkopslab.exercises.check.CheckAssertions.assertFailsOn;

import dev.flinkopslab.exercises.reuse.wrongfixes.NoResendFilter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong fix of exercise 5 that only the results catch: both runs agree, object reuse on or off. (The two that
 * keep or change objects are caught by the check's harness part, in {@link CleanReadingsTest}.)
 */
class ObjectReuseWrongFixesTest {
    @TempDir
    Path reports;

    @Test
    void takingTheStepsOutMakesOnAndOffAgreeAndTheResultsWrong() {
        assertFailsOn(new ObjectReuseExercise(), new NoResendFilter(), reports, "window results equal to the reference");
    }
}

package dev.flinkopslab.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.exercises.check.Checker;
import dev.flinkopslab.exercises.check.Figure;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every exercise's check fails on the troubled code as shipped and passes on the solution. The first runs only
 * while the exercise's learner files are as shipped ({@link ShippedCode}): a learner's fix skips it, CI's
 * {@code -Dexercises.shipped.required=true} makes a changed file a failure.
 */
class ExerciseChecksTest {
    @TempDir
    static Path reports;

    /** All exercises, or those of {@code -Dexercises.only=1,8} (numbers or slugs), to run a few checks. */
    static Stream<Exercise> exercises() {
        String only = System.getProperty("exercises.only", "");
        return only.isBlank() ? Exercises.all().stream()
                : Stream.of(only.split(",")).map(String::trim).map(n -> Exercises.find(n).orElseThrow());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("exercises")
    void checkFailsOnTheTroubledVersion(Exercise exercise) {
        ShippedCode.assumeShipped("the test that its check FAILs", exercise);
        CheckResult result = Checker.check(exercise, Variant.LEARNER, reports, System.out);
        System.out.printf("exercise %d troubled: %s%n", exercise.number(), describe(result));
        assertThat(result.passed()).as("troubled version of %d passes: %s", exercise.number(), describe(result)).isFalse();
        assertThat(result.hint).isNotBlank();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("exercises")
    void checkPassesOnTheSolution(Exercise exercise) {
        CheckResult result = Checker.check(exercise, Variant.SOLUTION, reports, System.out);
        System.out.printf("exercise %d solution: %s%n", exercise.number(), describe(result));
        assertThat(result.passed()).as("solution of %d fails: %s", exercise.number(), describe(result)).isTrue();
    }

    static String describe(CheckResult r) {
        return (r.error == null ? "" : "error: " + r.error + "; ") + r.figures.stream()
                .map(f -> f.name() + "=" + f.formattedValue() + " (target " + f.target() + (f.met() ? ", met)" : ", missed)"))
                .collect(Collectors.joining("; "));
    }
}

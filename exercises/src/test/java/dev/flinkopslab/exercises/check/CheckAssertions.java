package dev.flinkopslab.exercises.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.pipeline.PipelineParts;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** For tests of wrong fixes: the check FAILs on them, and the named figures are among those it missed. */
public final class CheckAssertions {
    private CheckAssertions() {}

    /** Runs the exercise's check on {@code parts}; asserts FAIL with each of {@code figures} (name prefixes) missed. */
    public static CheckResult assertFailsOn(Exercise exercise, PipelineParts parts, Path reports, String... figures) {
        CheckResult result = Checker.check(exercise, parts, reports, System.out);
        String described = describe(result);
        System.out.printf("exercise %d, %s: %s%n", exercise.number(), parts.getClass().getSimpleName(), described);
        assertThat(result.passed()).as("the check passes a wrong fix: %s", described).isFalse();
        assertThat(result.error).as("the job ran").isNull();
        List<String> missed = result.figures.stream().filter(f -> !f.met()).map(Figure::name).toList();
        for (String figure : figures) {
            assertThat(missed).as("missed figures, in %s", described).anyMatch(name -> name.startsWith(figure));
        }
        assertThat(result.hint).isNotBlank();
        return result;
    }

    public static String describe(CheckResult r) {
        return (r.error == null ? "" : "error: " + r.error + "; ") + r.figures.stream()
                .map(f -> f.name() + "=" + f.formattedValue() + " (target " + f.target() + (f.met() ? ", met)" : ", missed)"))
                .collect(Collectors.joining("; "));
    }
}

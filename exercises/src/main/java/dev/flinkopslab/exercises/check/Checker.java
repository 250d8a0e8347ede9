package dev.flinkopslab.exercises.check;

import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.flink.FlinkErrors;
import dev.flinkopslab.pipeline.PipelineParts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs an exercise's check and keeps its result: a job that cannot start or throws is a clear FAIL with the
 * cause, never a crash of the checker. Results go to {@code reportDir} as JSON and one HTML report.
 */
public final class Checker {
    private Checker() {}

    public static CheckResult check(Exercise exercise, Variant variant, Path reportDir, PrintStream progress) {
        return run(exercise, variant, reportDir, progress, context -> exercise.check(variant, context));
    }

    /**
     * Checks any implementation of the exercise's parts (see {@link Exercise#check(PipelineParts, CheckContext)}),
     * with the same handling of jobs that cannot start; the result is kept as the learner's.
     */
    public static CheckResult check(Exercise exercise, PipelineParts parts, Path reportDir, PrintStream progress) {
        return run(exercise, Variant.LEARNER, reportDir, progress, context -> exercise.check(parts, context));
    }

    private interface CheckCall {
        CheckResult call(CheckContext context) throws Exception;
    }

    private static CheckResult run(Exercise exercise, Variant variant, Path reportDir, PrintStream progress, CheckCall check) {
        long start = System.nanoTime();
        CheckResult result;
        try {
            Path work = Files.createDirectories(reportDir.resolve("runs")
                    .resolve(exercise.number() + "-" + variant.name().toLowerCase(Locale.ROOT) + "-" + System.currentTimeMillis()));
            result = check.call(new CheckContext(work, progress));
        } catch (Throwable t) {
            result = new CheckResult(exercise, variant);
            result.error = "the job did not run: " + FlinkErrors.rootCause(t);
            result.hint = "Fix what the error names (the job's log is in the lab log), then check again.";
        }
        result.seconds = (System.nanoTime() - start) / 1e9;
        result.finishedAtMillis = System.currentTimeMillis();
        try {
            CheckReports.save(reportDir, result);
        } catch (IOException e) {
            progress.println("  (could not write the report under " + reportDir + ": " + e.getMessage() + ")");
        }
        return result;
    }
}

package dev.flinkopslab.exercises;

import dev.flinkopslab.exercises.check.CheckContext;
import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;

/**
 * One troubleshooting exercise: the measurement pipeline with one part replaced by the learner's file (which
 * starts out troubled), its solution beside it, and a check that measures whether a fix really works.
 */
public interface Exercise {
    /** 1-based, the order of the training agenda. */
    int number();

    /** Short name for file names and the CLI, e.g. {@code frequent-failures}. */
    String slug();

    String title();

    /** The exercise's folder under {@code exercises/}: its README, the file to edit, the solution, the check. */
    default String folder() {
        return number() + "-" + slug();
    }

    /** One line: what the learner sees going wrong. */
    String symptom();

    /** How {@code lab exercise run} runs it: long enough, and at a rate, for the symptom to show in the Web UI. */
    PipelineConfig runConfig();

    /**
     * The seams of the troubled job ({@link TroubledStreamingJob}) that this exercise's learner code fills:
     * the {@link PipelineParts} methods of {@link #parts} it overrides, and nothing else. None for an exercise
     * whose symptom needs a job of its own to show.
     */
    default java.util.Set<Seam> seams() {
        return java.util.Set.of();
    }

    /** The pipeline parts of the learner's code or of the solution. */
    PipelineParts parts(Variant variant);

    /**
     * The parts {@code lab exercise run} runs: {@link #parts} unless the exercise needs a step first (for
     * instance an earlier version of the job and its savepoint). Steps print what they do to {@code progress}.
     */
    default PipelineParts partsForRun(Variant variant, java.io.PrintStream progress) {
        return parts(variant);
    }

    /**
     * The parts the check measures for a variant: {@link #parts} unless the check needs them in another form
     * (without the run's own settings, or inside a second version of the job).
     */
    default PipelineParts checkedParts(Variant variant) {
        return parts(variant);
    }

    /** Runs the variant on an embedded Flink and measures the figures that matter. */
    default CheckResult check(Variant variant, CheckContext context) throws Exception {
        return check(checkedParts(variant), variant, context);
    }

    /**
     * Runs the same check on any implementation of the exercise's parts — a plausible wrong fix in a test, a
     * learner's alternative — instead of the learner's file or the solution; the result is labelled
     * {@link Variant#LEARNER}. {@link dev.flinkopslab.exercises.check.Checker#check(Exercise, PipelineParts,
     * java.nio.file.Path, java.io.PrintStream)} runs it with the checker's error handling.
     */
    default CheckResult check(PipelineParts parts, CheckContext context) throws Exception {
        return check(parts, Variant.LEARNER, context);
    }

    /** The check itself: runs {@code parts} and measures; the result is labelled {@code variant}. */
    CheckResult check(PipelineParts parts, Variant variant, CheckContext context) throws Exception;

    /** About how long the check runs, as the check declares it (its run time and the clusters it starts). */
    default java.time.Duration checkDuration() {
        return java.time.Duration.ofSeconds(30);
    }
}

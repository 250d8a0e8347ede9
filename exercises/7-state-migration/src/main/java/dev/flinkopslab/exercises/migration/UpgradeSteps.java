package dev.flinkopslab.exercises.migration;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.check.CheckRun;
import dev.flinkopslab.flink.JobFailure;
import java.time.Duration;
import java.util.Optional;

/** What an upgrade waits for and reads, through Flink's REST API as an operator would. */
@DoNotChangeThis("the check and the exercise run measure the upgrade through this")
final class UpgradeSteps {
    private UpgradeSteps() {}

    /**
     * Waits until every task of the job runs and its source has emitted {@code records}; false if the job ended
     * first (a failed restore ends it) or {@code max} passed. A savepoint taken after that holds every one of
     * those records' effects: savepoint barriers flow behind the records, never past them.
     */
    static boolean awaitAllRead(CheckRun run, long records, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (run.status().isGloballyTerminalState()) {
                return false;
            }
            if (run.flink().tasks(run.job()).allRunning() && run.sourceRecordsOut() >= records) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** The root cause of the job's failure — where the real reason is, under the wrapping exceptions. */
    static String failureCause(CheckRun run) throws Exception {
        Optional<JobFailure> failure = run.flink().latestFailure(run.job());
        for (int i = 0; i < 50 && failure.isEmpty(); i++) {
            Thread.sleep(200); // the history is archived just after the job's status changes
            failure = run.flink().latestFailure(run.job());
        }
        return failure.map(JobFailure::rootCause).orElse("no failure recorded; the job is " + run.status());
    }
}

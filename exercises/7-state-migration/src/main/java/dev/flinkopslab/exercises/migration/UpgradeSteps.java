package dev.flinkopslab.exercises.migration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.check.CheckRun;
import java.time.Duration;

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
            JsonNode job = run.rest().get("/jobs/" + run.jobId());
            boolean allRunning = job.path("vertices").size() > 0;
            for (JsonNode vertex : job.path("vertices")) {
                allRunning &= "RUNNING".equals(vertex.path("status").asText());
            }
            if (allRunning && run.rest().sourceRecordsOut(run.jobId()) >= records) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** The deepest cause of the job's first failure — where the real reason is, under the wrapping exceptions. */
    static String firstCause(CheckRun run) throws Exception {
        JsonNode first = firstFailure(run);
        for (int i = 0; i < 50 && first.isMissingNode(); i++) {
            Thread.sleep(200); // the history is archived just after the job's status changes
            first = firstFailure(run);
        }
        if (first.isMissingNode()) {
            return "no failure recorded; the job is " + run.status();
        }
        String cause = first.path("exceptionName").asText("") + ": " + first.path("stacktrace").asText("").lines()
                .findFirst().orElse("");
        for (String line : first.path("stacktrace").asText("").lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause.length() > 400 ? cause.substring(0, 400) + " ..." : cause;
    }

    private static JsonNode firstFailure(CheckRun run) throws Exception {
        return run.rest().get("/jobs/" + run.jobId() + "/exceptions").path("exceptionHistory").path("entries").path(0);
    }
}

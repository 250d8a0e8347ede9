package dev.flinkopslab.platform.deployments;

/**
 * What the reconciler is about to do, or doing, written to the status BEFORE it touches Flink, so that after a
 * crash it finds the job id it submitted (and adopts that job if Flink runs it) or the savepoint it triggered
 * (and polls it) instead of acting twice.
 *
 * @param step what is under way
 * @param jobId STARTING: the id of the job being submitted (generated up front); else the job being acted on
 * @param triggerId STOPPING: the stop-with-savepoint's trigger id (generated up front)
 * @param restorePath STARTING: the savepoint the new job restores from, or null
 * @param savepointId the savepoint record the step belongs to, or null
 * @param upgrade the step is part of an upgrade: STOPPING is followed by STARTING the new spec
 */
public record Intent(Step step, String jobId, String triggerId, String restorePath, Long savepointId, boolean upgrade) {

    public enum Step {
        /** submit the job {@link #jobId} (or adopt it, if Flink already has it) */
        STARTING,
        /** stop {@link #jobId} with the savepoint {@link #triggerId} */
        STOPPING,
        /** cancel {@link #jobId} and wait until Flink says it is cancelled */
        CANCELLING
    }

    public static Intent starting(String jobId, String restorePath) {
        return new Intent(Step.STARTING, jobId, null, restorePath, null, false);
    }

    public static Intent stopping(String jobId, String triggerId, long savepointId, boolean upgrade) {
        return new Intent(Step.STOPPING, jobId, triggerId, null, savepointId, upgrade);
    }

    public static Intent cancelling(String jobId, boolean upgrade) {
        return new Intent(Step.CANCELLING, jobId, null, null, null, upgrade);
    }
}

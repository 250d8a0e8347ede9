package dev.flinkopslab.platform.reconciler;

import org.apache.flink.api.common.JobStatus;

/**
 * What Flink says about the job a deployment's status (or intent) names.
 *
 * @param job the job looked at, or null when the deployment has none
 * @param jobStatus its status in Flink; null when Flink does not know the job (or there is none)
 * @param allTasksRunning RUNNING with every task running (what a savepoint needs)
 * @param unreachable nothing answered at the target's REST URL: nothing can be decided this round
 * @param error one line on why Flink could not be read, or null
 */
public record Observation(String job, JobStatus jobStatus, boolean allTasksRunning, boolean unreachable, String error) {

    public static Observation noJob() {
        return new Observation(null, null, false, false, null);
    }

    /** Flink does not know the job (or its cluster is gone with it). */
    public static Observation gone(String job) {
        return new Observation(job, null, false, false, null);
    }

    public boolean known() {
        return jobStatus != null;
    }

    public boolean terminal() {
        return jobStatus != null && jobStatus.isGloballyTerminalState();
    }
}

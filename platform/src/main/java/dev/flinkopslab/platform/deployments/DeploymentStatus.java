package dev.flinkopslab.platform.deployments;

import java.time.Instant;
import org.apache.flink.api.common.JobStatus;

/**
 * What the reconciler observed and did; only the reconciler writes it.
 *
 * @param state the deployment's observed state
 * @param jobStatus the current job's status as Flink reports it, or null without a job
 * @param jobId the current Flink job, or null
 * @param lastReconciledSpec the spec the current job (or the last stop) was made from
 * @param lastError one line: why the deployment is not where its spec says, or null
 * @param intent what the reconciler is doing, written before it acts; null when idle
 * @param jobAttempts job starts (or restarts after a failure) used for the current spec
 * @param savepointAttempts savepoints that failed for the current stop or upgrade
 * @param stuckGeneration the spec generation whose retries are exhausted (nothing is tried until the spec changes)
 * @param observedGeneration the spec generation the reconciler last acted on; the attempt counters are per generation
 * @param lastStableSpec the spec of the newest job whose tasks all ran: what a rollback goes back to
 * @param readinessDeadline with a rollback policy: when the job of a spec not yet stable must have all tasks running
 * @param rolledBackGeneration the spec generation that was rolled back to {@code lastStableSpec} (not tried again
 *                             until the spec changes)
 */
public record DeploymentStatus(DeploymentState state, JobStatus jobStatus, String jobId, DeploymentSpec lastReconciledSpec,
                               String lastError, Intent intent, int jobAttempts, int savepointAttempts,
                               Long stuckGeneration, long observedGeneration, DeploymentSpec lastStableSpec,
                               Instant readinessDeadline, Long rolledBackGeneration) {

    public static DeploymentStatus initial() {
        return new DeploymentStatus(DeploymentState.TRANSITIONING, null, null, null, null, null, 0, 0, null, 0, null, null, null);
    }

    public DeploymentStatus withState(DeploymentState s) {
        return new DeploymentStatus(s, jobStatus, jobId, lastReconciledSpec, lastError, intent, jobAttempts, savepointAttempts, stuckGeneration, observedGeneration, lastStableSpec, readinessDeadline, rolledBackGeneration);
    }

    public DeploymentStatus withJob(String id, JobStatus status) {
        return new DeploymentStatus(state, status, id, lastReconciledSpec, lastError, intent, jobAttempts, savepointAttempts, stuckGeneration, observedGeneration, lastStableSpec, readinessDeadline, rolledBackGeneration);
    }

    public DeploymentStatus withReconciled(DeploymentSpec spec) {
        return new DeploymentStatus(state, jobStatus, jobId, spec, lastError, intent, jobAttempts, savepointAttempts, stuckGeneration, observedGeneration, lastStableSpec, readinessDeadline, rolledBackGeneration);
    }

    public DeploymentStatus withError(String error) {
        return new DeploymentStatus(state, jobStatus, jobId, lastReconciledSpec, error, intent, jobAttempts, savepointAttempts, stuckGeneration, observedGeneration, lastStableSpec, readinessDeadline, rolledBackGeneration);
    }

    public DeploymentStatus withIntent(Intent i) {
        return new DeploymentStatus(state, jobStatus, jobId, lastReconciledSpec, lastError, i, jobAttempts, savepointAttempts, stuckGeneration, observedGeneration, lastStableSpec, readinessDeadline, rolledBackGeneration);
    }

    public DeploymentStatus withAttempts(int jobs, int savepoints) {
        return new DeploymentStatus(state, jobStatus, jobId, lastReconciledSpec, lastError, intent, jobs, savepoints, stuckGeneration, observedGeneration, lastStableSpec, readinessDeadline, rolledBackGeneration);
    }

    public DeploymentStatus withObservedGeneration(long generation) {
        return new DeploymentStatus(state, jobStatus, jobId, lastReconciledSpec, lastError, intent, jobAttempts, savepointAttempts, stuckGeneration, generation, lastStableSpec, readinessDeadline, rolledBackGeneration);
    }

    public DeploymentStatus withStuck(Long generation) {
        return new DeploymentStatus(state, jobStatus, jobId, lastReconciledSpec, lastError, intent, jobAttempts, savepointAttempts, generation, observedGeneration, lastStableSpec, readinessDeadline, rolledBackGeneration);
    }

    public DeploymentStatus withStable(DeploymentSpec spec) {
        return new DeploymentStatus(state, jobStatus, jobId, lastReconciledSpec, lastError, intent, jobAttempts, savepointAttempts, stuckGeneration, observedGeneration, spec, readinessDeadline, rolledBackGeneration);
    }

    public DeploymentStatus withReadinessDeadline(Instant deadline) {
        return new DeploymentStatus(state, jobStatus, jobId, lastReconciledSpec, lastError, intent, jobAttempts, savepointAttempts, stuckGeneration, observedGeneration, lastStableSpec, deadline, rolledBackGeneration);
    }

    public DeploymentStatus withRolledBack(Long generation) {
        return new DeploymentStatus(state, jobStatus, jobId, lastReconciledSpec, lastError, intent, jobAttempts, savepointAttempts, stuckGeneration, observedGeneration, lastStableSpec, readinessDeadline, generation);
    }

    /** Whether {@code generation} was rolled back: the last stable spec runs instead of it. */
    public boolean rolledBack(long generation) {
        return rolledBackGeneration != null && rolledBackGeneration == generation;
    }
}

package dev.flinkopslab.platform.deployments;

/**
 * The deployment's observed state, as the reconciler last recorded it. TRANSITIONING: it is acting (starting,
 * stopping, upgrading) toward the spec. FAILED: the job failed and its restarts are used up, or it could not be
 * started within maxJobCreationAttempts. FINISHED: the job ended by itself (a bounded input ran out) while the
 * spec said RUNNING; it is not restarted until the spec changes. ROLLED_BACK: the spec's job did not become ready
 * within the rollback policy's readiness window (or could not be started); the last stable spec runs instead, every
 * task running, until the spec changes.
 */
public enum DeploymentState {
    TRANSITIONING, RUNNING, SUSPENDED, CANCELLED, FAILED, FINISHED, ROLLED_BACK
}

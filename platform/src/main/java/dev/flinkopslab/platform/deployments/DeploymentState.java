package dev.flinkopslab.platform.deployments;

/**
 * The deployment's observed state, as the reconciler last recorded it. TRANSITIONING: it is acting (starting,
 * stopping, upgrading) toward the spec. FAILED: the job failed and its restarts are used up, or it could not be
 * started within maxJobCreationAttempts.
 */
public enum DeploymentState {
    TRANSITIONING, RUNNING, SUSPENDED, CANCELLED, FAILED
}

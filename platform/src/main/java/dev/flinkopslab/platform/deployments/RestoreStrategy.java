package dev.flinkopslab.platform.deployments;

/**
 * Where a (re)started job takes its state from. LATEST_SAVEPOINT: the deployment's newest completed savepoint.
 * LATEST_STATE: the newest of savepoint and retained checkpoint (checkpoints are not tracked yet, so for now the
 * newest savepoint). NONE: empty state.
 */
public enum RestoreStrategy {
    LATEST_SAVEPOINT, LATEST_STATE, NONE
}

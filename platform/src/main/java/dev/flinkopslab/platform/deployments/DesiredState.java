package dev.flinkopslab.platform.deployments;

/** What the user wants of a deployment's job: running, stopped with a savepoint, or stopped without one. */
public enum DesiredState {
    RUNNING, SUSPENDED, CANCELLED
}

package dev.flinkopslab.platform.deployments;

/**
 * How a running job moves to a changed spec. STATEFUL: stop-with-savepoint, then the new spec from that
 * savepoint — never a silent stateless start if the savepoint fails. STATELESS: cancel, then start as the restore
 * strategy says. NONE: the change waits until the job is next started (suspend and resume, or a restart after a
 * failure).
 */
public enum UpgradeStrategy {
    STATEFUL, STATELESS, NONE
}

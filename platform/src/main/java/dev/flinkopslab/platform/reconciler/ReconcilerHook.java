package dev.flinkopslab.platform.reconciler;

import dev.flinkopslab.platform.deployments.Deployment;

/**
 * Called at the reconciler's crash-relevant points: where a test simulates a crash (by throwing). The platform
 * has none (a no-op); a test context provides one.
 */
public interface ReconcilerHook {
    ReconcilerHook NONE = (point, deployment) -> {};

    enum Point {
        /** the intent (new job id, or savepoint trigger id) is in the database; Flink has not been called */
        INTENT_PERSISTED,
        /** Flink accepted the call (the job was submitted, the savepoint triggered); the outcome is not recorded yet */
        FLINK_CALLED
    }

    void at(Point point, Deployment deployment);
}

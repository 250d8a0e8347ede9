package dev.flinkopslab.platform.deployments;

import java.time.Instant;

/** One entry of a deployment's append-only, typed log. */
public record DeploymentEvent(long id, long deploymentId, Instant occurredAt, Type type, String flinkJobId, String message) {

    public enum Type {
        STATE_CHANGED, JOB_SUBMITTED, JOB_ADOPTED, JOB_RUNNING, JOB_RESTARTED, JOB_FAILED, JOB_FINISHED, JOB_CANCELLED,
        SAVEPOINT_TRIGGERED, SAVEPOINT_COMPLETED, SAVEPOINT_FAILED, SAVEPOINT_DISPOSED, UPGRADE_WAITING, RETRIES_EXHAUSTED, ROLLED_BACK, ERROR
    }
}

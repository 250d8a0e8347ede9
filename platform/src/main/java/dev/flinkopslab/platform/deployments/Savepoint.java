package dev.flinkopslab.platform.deployments;

import java.time.Instant;

/** A savepoint of a deployment's job, recorded before it is triggered, with the trigger id generated up front. */
public record Savepoint(long id, long deploymentId, String flinkJobId, Origin origin, String triggerId, State state,
                        String location, String failure, Instant createdAt, Instant completedAt) {

    /**
     * Why it was taken: a user's request, a suspend, a STATEFUL upgrade; or a checkpoint a failed or vanished job
     * left behind, recorded when LATEST_STATE restores from it.
     */
    public enum Origin { USER, SUSPEND, UPGRADE, RETAINED_CHECKPOINT }

    public enum State { PENDING, COMPLETED, FAILED }
}

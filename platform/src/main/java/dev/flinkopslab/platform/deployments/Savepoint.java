package dev.flinkopslab.platform.deployments;

import java.time.Instant;

/** A savepoint of a deployment's job, recorded before it is triggered, with the trigger id generated up front. */
public record Savepoint(long id, long deploymentId, String flinkJobId, Origin origin, String triggerId, State state,
                        String location, String failure, Instant createdAt, Instant completedAt) {

    /** Why it was taken: a user's request, a suspend, or a STATEFUL upgrade. */
    public enum Origin { USER, SUSPEND, UPGRADE }

    public enum State { PENDING, COMPLETED, FAILED }
}

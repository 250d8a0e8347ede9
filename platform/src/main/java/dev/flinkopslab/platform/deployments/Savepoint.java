package dev.flinkopslab.platform.deployments;

import java.time.Instant;

/**
 * A savepoint of a deployment's job, recorded before it is triggered, with the trigger id generated up front.
 *
 * @param failure why it failed; for a DISPOSED one, why its files could not be removed (null if they were)
 * @param disposedAt when it was disposed; a DISPOSED savepoint is never restored from
 */
public record Savepoint(long id, long deploymentId, String flinkJobId, Origin origin, String triggerId, State state,
                        String location, String failure, Instant createdAt, Instant completedAt, Instant disposedAt) {

    /**
     * Why it was taken: a user's request, a suspend, a STATEFUL upgrade, the spec's schedule; or a checkpoint a
     * failed or vanished job left behind, recorded when LATEST_STATE restores from it.
     */
    public enum Origin { USER, SUSPEND, UPGRADE, PERIODIC, RETAINED_CHECKPOINT }

    public enum State { PENDING, COMPLETED, FAILED, DISPOSED }
}

package dev.flinkopslab.platform.reconciler;

import dev.flinkopslab.platform.deployments.Savepoint;
import java.time.Instant;

/**
 * What the database says about a deployment's savepoints, for the {@link Decider} (which reads no database and no
 * clock itself). The schedule's clock comes from here, so a restarted platform does not reset it.
 *
 * @param pending the oldest USER or PERIODIC savepoint still PENDING, or null
 * @param periodStart when the current job's newest savepoint was asked for (any origin and outcome), else when the
 *                    job started; null without a job
 * @param now the round's time
 */
public record SavepointFacts(Savepoint pending, Instant periodStart, Instant now) {
    /** Nothing pending, no clock: no savepoint decision is taken. */
    public static final SavepointFacts NONE = new SavepointFacts(null, null, Instant.EPOCH);
}

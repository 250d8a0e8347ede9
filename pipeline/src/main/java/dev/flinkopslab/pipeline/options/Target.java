package dev.flinkopslab.pipeline.options;

import dev.flinkopslab.pipeline.PipelineConfig.RestartKind;

/**
 * Where the job runs; the restart strategy is the one default that depends on it, and {@link #why} says why.
 * Every other default is its option's.
 */
public enum Target {
    /** {@code lab run}: a broken job should end with its error after a few attempts, not restart forever. */
    EMBEDDED(RestartKind.FIXED_DELAY, 10,
            "on an embedded Flink a broken job fails after a few attempts and ends with its error"),
    /** {@code lab submit}: replacing a lost TaskManager takes tens of seconds, longer than a short budget lasts. */
    CLUSTER(RestartKind.EXPONENTIAL_DELAY, Integer.MAX_VALUE,
            "on a cluster the job keeps restarting, like a production deployment, until a lost TaskManager is replaced");

    public final RestartKind restartStrategy;
    public final int restartAttempts;
    public final String why;

    Target(RestartKind restartStrategy, int restartAttempts, String why) {
        this.restartStrategy = restartStrategy;
        this.restartAttempts = restartAttempts;
        this.why = why;
    }
}

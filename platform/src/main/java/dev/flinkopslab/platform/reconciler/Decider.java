package dev.flinkopslab.platform.reconciler;

import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentSpec;
import dev.flinkopslab.platform.deployments.DeploymentState;
import dev.flinkopslab.platform.deployments.DeploymentStatus;
import dev.flinkopslab.platform.deployments.DesiredState;
import dev.flinkopslab.platform.deployments.Intent;
import dev.flinkopslab.platform.deployments.Savepoint;
import dev.flinkopslab.platform.deployments.SavepointSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobStatus;

/**
 * Compares the spec with the status (and its last reconciled spec) and with what Flink says, and decides the one
 * next step. A pure function: no Flink, no database, so every rule is testable on its own.
 */
public final class Decider {
    private Decider() {}

    public static Decision decide(Deployment d, Observation o) {
        return decide(d, o, SavepointFacts.NONE);
    }

    public static Decision decide(Deployment d, Observation o, SavepointFacts f) {
        DeploymentStatus status = d.status();
        DeploymentSpec spec = d.spec();
        if (o.unreachable()) {
            return Decision.of(Decision.Kind.WAIT, "Flink at " + spec.target().restUrl() + " cannot be read: " + o.error());
        }
        Intent intent = status.intent();
        if (intent != null) {
            return switch (intent.step()) {
                case STARTING -> o.known() ? Decision.of(Decision.Kind.ADOPT, "Flink already runs job " + intent.jobId())
                        : Decision.of(Decision.Kind.SUBMIT, "job " + intent.jobId() + " is recorded, not yet in Flink");
                case STOPPING -> Decision.of(Decision.Kind.POLL_SAVEPOINT, "savepoint " + intent.triggerId() + " is under way");
                case CANCELLING -> Decision.of(Decision.Kind.POLL_CANCEL, "cancel of job " + intent.jobId() + " is under way");
            };
        }
        Savepoint pending = f.pending();
        if (pending != null && !(spec.state() == DesiredState.CANCELLED && status.jobId() != null)) {
            // an upgrade, a suspend or a restart waits for it: it ends, as Flink times a savepoint out; a cancel does not wait
            return Decision.of(Decision.Kind.POLL_PENDING_SAVEPOINT, "savepoint " + pending.id() + " (" + pending.origin()
                    + ") is under way; other steps wait for it");
        }
        Decision rollback = rollback(d, o, f);
        if (rollback != null) {
            return rollback;
        }
        boolean stuck = status.stuckGeneration() != null && status.stuckGeneration() == d.generation();
        if (status.jobId() == null) {
            if (spec.state() == DesiredState.RUNNING && status.state() == DeploymentState.FINISHED
                    && status.observedGeneration() == d.generation()) {
                return Decision.of(Decision.Kind.OBSERVE, "the job finished; change the spec to run it again");
            }
            if (spec.state() == DesiredState.RUNNING) {
                return stuck ? Decision.of(Decision.Kind.OBSERVE, "retries exhausted for generation " + d.generation()
                        + "; change the spec to try again") : Decision.of(Decision.Kind.START, "no job runs; the spec says RUNNING");
            }
            return Decision.of(Decision.Kind.SETTLE, "no job runs; the spec says " + spec.state());
        }
        if (!o.known() || o.terminal()) {
            JobStatus seen = o.jobStatus();
            // FINISHED is a bounded input's end, not a failure: a restart would read it again from the last savepoint
            if (spec.state() == DesiredState.RUNNING && !stuck && seen != JobStatus.FINISHED) {
                return Decision.of(Decision.Kind.RESTART, "job " + status.jobId() + " is " + (seen == null ? "gone from Flink" : seen));
            }
            return Decision.of(Decision.Kind.SETTLE, "job " + status.jobId() + " is " + (seen == null ? "gone from Flink" : seen));
        }
        return switch (spec.state()) {
            case SUSPENDED -> stuck ? Decision.of(Decision.Kind.OBSERVE, "suspend stuck: savepoint attempts exhausted")
                    : whenTasksRun(o, Decision.Kind.SUSPEND, "the spec says SUSPENDED");
            case CANCELLED -> Decision.of(Decision.Kind.CANCEL, "the spec says CANCELLED");
            case RUNNING -> running(d, o, f, stuck);
        };
    }

    private static Decision running(Deployment d, Observation o, SavepointFacts f, boolean stuck) {
        DeploymentSpec spec = d.spec();
        if (!spec.jobDiffers(d.status().lastReconciledSpec()) || d.status().rolledBack(d.generation())) {
            return periodic(d, o, f); // a rolled-back spec is not tried again until it changes
        }
        if (stuck) {
            return Decision.of(Decision.Kind.OBSERVE, "upgrade stuck for generation " + d.generation() + "; the old job keeps running");
        }
        return switch (spec.upgradeStrategy()) {
            case STATEFUL -> whenTasksRun(o, Decision.Kind.UPGRADE_STATEFUL, "the spec changed; STATEFUL upgrade");
            case STATELESS -> Decision.of(Decision.Kind.UPGRADE_STATELESS, "the spec changed; STATELESS upgrade");
            case NONE -> Decision.of(Decision.Kind.OBSERVE, "the spec changed; upgradeStrategy NONE waits for the next start");
        };
    }

    /**
     * Opt-in rollback, once per generation and only with a stable spec to go back to: the spec's job (a job not yet
     * stable) could not be started or kept running within its attempts, or the readiness window passed without every
     * task running. A STATEFUL upgrade whose savepoint failed is not rolled back: its old job still runs.
     */
    private static Decision rollback(Deployment d, Observation o, SavepointFacts f) {
        DeploymentSpec spec = d.spec();
        DeploymentStatus s = d.status();
        if (spec.rollback() == null || spec.state() != DesiredState.RUNNING || s.lastStableSpec() == null
                || s.rolledBack(d.generation()) || !spec.jobDiffers(s.lastStableSpec())) {
            return null;
        }
        boolean stuck = s.stuckGeneration() != null && s.stuckGeneration() == d.generation();
        if (stuck && s.state() == DeploymentState.FAILED) {
            return Decision.of(Decision.Kind.ROLLBACK, "generation " + d.generation() + " failed: " + s.lastError());
        }
        if (s.readinessDeadline() != null && f.now().isAfter(s.readinessDeadline()) && !o.allTasksRunning()) {
            return Decision.of(Decision.Kind.ROLLBACK, "the job of generation " + d.generation() + " did not have every"
                    + " task running within the readiness window " + spec.rollback().readinessWindow());
        }
        return null;
    }

    /**
     * A PERIODIC savepoint once the job's newest one (or its start) is an interval old, and only of a job with every
     * task running; a changed spec goes first (it is not asked here), so the schedule never holds an upgrade up.
     */
    private static Decision periodic(Deployment d, Observation o, SavepointFacts f) {
        SavepointSchedule schedule = d.spec().savepoints();
        Duration every = schedule == null ? null : schedule.intervalDuration();
        if (every == null || f.periodStart() == null || f.now().isBefore(f.periodStart().plus(every))) {
            return Decision.of(Decision.Kind.OBSERVE, "the job runs the spec");
        }
        return whenTasksRun(o, Decision.Kind.PERIODIC_SAVEPOINT, "the job's newest savepoint is older than the interval "
                + schedule.interval());
    }

    /** A completed savepoint retention disposes, and why. */
    public record Expired(Savepoint savepoint, String why) {}

    /**
     * The completed savepoints (newest first) the schedule no longer keeps: those beyond maxCount, those older than
     * maxAge. Never the newest completed one: it is what a restore uses, so the deployment keeps a restore point
     * even when every savepoint is older than maxAge or a newer one failed.
     */
    public static List<Expired> expired(List<Savepoint> completedNewestFirst, SavepointSchedule schedule, Instant now) {
        List<Expired> expired = new ArrayList<>();
        Duration maxAge = schedule.maxAgeDuration();
        for (int i = 1; i < completedNewestFirst.size(); i++) {
            Savepoint sp = completedNewestFirst.get(i);
            Instant taken = sp.completedAt() != null ? sp.completedAt() : sp.createdAt();
            if (schedule.maxCount() != null && i >= schedule.maxCount()) {
                expired.add(new Expired(sp, "beyond maxCount " + schedule.maxCount()));
            } else if (maxAge != null && taken.plus(maxAge).isBefore(now)) {
                expired.add(new Expired(sp, "older than maxAge " + schedule.maxAge()));
            }
        }
        return expired;
    }

    /** A savepoint needs every task running; until then, watch. */
    private static Decision whenTasksRun(Observation o, Decision.Kind kind, String reason) {
        return o.allTasksRunning() ? Decision.of(kind, reason)
                : Decision.of(Decision.Kind.OBSERVE, reason + "; waiting until all tasks run to take the savepoint");
    }
}

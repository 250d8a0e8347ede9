package dev.flinkopslab.platform.reconciler;

import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentSpec;
import dev.flinkopslab.platform.deployments.DeploymentState;
import dev.flinkopslab.platform.deployments.DeploymentStatus;
import dev.flinkopslab.platform.deployments.DesiredState;
import dev.flinkopslab.platform.deployments.Intent;
import org.apache.flink.api.common.JobStatus;

/**
 * Compares the spec with the status (and its last reconciled spec) and with what Flink says, and decides the one
 * next step. A pure function: no Flink, no database, so every rule is testable on its own.
 */
public final class Decider {
    private Decider() {}

    public static Decision decide(Deployment d, Observation o) {
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
            case RUNNING -> running(d, o, stuck);
        };
    }

    private static Decision running(Deployment d, Observation o, boolean stuck) {
        DeploymentSpec spec = d.spec();
        if (!spec.jobDiffers(d.status().lastReconciledSpec())) {
            return Decision.of(Decision.Kind.OBSERVE, "the job runs the spec");
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

    /** A savepoint needs every task running; until then, watch. */
    private static Decision whenTasksRun(Observation o, Decision.Kind kind, String reason) {
        return o.allTasksRunning() ? Decision.of(kind, reason)
                : Decision.of(Decision.Kind.OBSERVE, reason + "; waiting until all tasks run to take the savepoint");
    }
}

package dev.flinkopslab.platform.reconciler;

import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.flink.FlinkRestException;
import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentEvent;
import dev.flinkopslab.platform.deployments.DeploymentHistory;
import dev.flinkopslab.platform.deployments.DeploymentState;
import dev.flinkopslab.platform.deployments.DeploymentStatus;
import dev.flinkopslab.platform.deployments.Intent;
import dev.flinkopslab.platform.deployments.Savepoint;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.rest.messages.TriggerId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stopping a deployment's job, crash-safe: a stop-with-savepoint's trigger id is generated and persisted (the
 * savepoint row and the STOPPING intent) before Flink is called, and afterwards only polled — triggered again with
 * the same id only if Flink never heard of it. A failed savepoint leaves the job running; after
 * maxSavepointCreationAttempts the status says why, and a STATEFUL upgrade never falls back to a stateless start.
 */
@Component
public class Stops {
    private final DeploymentHistory history;
    private final StatusWriter status;
    private final JobTarget targets;
    private final Starts starts;
    private final SavepointCalls calls;
    private final Savepoints savepoints;
    private final TransactionTemplate tx;
    private final ObjectProvider<ReconcilerHook> hook;

    Stops(DeploymentHistory history, StatusWriter status, JobTarget targets, Starts starts, SavepointCalls calls,
          Savepoints savepoints, TransactionTemplate tx, ObjectProvider<ReconcilerHook> hook) {
        this.history = history;
        this.status = status;
        this.targets = targets;
        this.starts = starts;
        this.calls = calls;
        this.savepoints = savepoints;
        this.tx = tx;
        this.hook = hook;
    }

    public void stopWithSavepoint(Deployment d, Savepoint.Origin origin) {
        DeploymentStatus s = d.status();
        String job = s.jobId();
        String trigger = new TriggerId().toHexString();
        boolean newGeneration = s.observedGeneration() != d.generation();
        Deployment persisted = tx.execute(t -> {
            Savepoint sp = history.insertSavepoint(d.id(), job, origin, trigger);
            return status.write(d, s.withIntent(Intent.stopping(job, trigger, sp.id(), origin == Savepoint.Origin.UPGRADE))
                    .withState(DeploymentState.TRANSITIONING).withObservedGeneration(d.generation())
                    .withAttempts(newGeneration ? 0 : s.jobAttempts(), newGeneration ? 0 : s.savepointAttempts()));
        });
        hook().at(ReconcilerHook.Point.INTENT_PERSISTED, persisted);
        trigger(persisted);
    }

    /** The intent's savepoint: still running, done (then suspended, or the upgrade's new job started from it), or failed. */
    public void pollSavepoint(Deployment d, Observation o) {
        Intent intent = d.status().intent();
        if (!o.known()) {
            lost(d, "job " + intent.jobId() + " is gone from Flink before its savepoint " + intent.triggerId()
                    + " was confirmed");
            return;
        }
        SavepointCalls.Answer answer = calls.poll(d, intent.jobId(), intent.triggerId());
        switch (answer.kind()) {
            case NO_ANSWER -> status.write(d, d.status().withError("polling savepoint " + intent.triggerId() + ": "
                    + answer.detail()));
            case UNKNOWN -> {
                if (o.terminal()) {
                    ended(d, o);
                } else {
                    trigger(d);
                }
            }
            case COMPLETED -> completed(d, answer.detail());
            case FAILED -> failed(d, answer.detail());
            case IN_PROGRESS, ACCEPTED -> { }
        }
    }

    public void cancel(Deployment d, boolean upgrade) {
        DeploymentStatus s = d.status();
        String job = s.jobId();
        boolean newGeneration = s.observedGeneration() != d.generation();
        Deployment persisted = status.write(d, s.withIntent(Intent.cancelling(job, upgrade))
                .withState(DeploymentState.TRANSITIONING).withObservedGeneration(d.generation())
                .withAttempts(newGeneration ? 0 : s.jobAttempts(), newGeneration ? 0 : s.savepointAttempts()));
        hook().at(ReconcilerHook.Point.INTENT_PERSISTED, persisted);
        cancelQuietly(persisted);
    }

    /** The intent's cancel: done (then CANCELLED, or the upgrade's new job started as the restore strategy says), or again. */
    public void pollCancel(Deployment d, Observation o) {
        String job = d.status().intent().jobId();
        if (o.known() && !o.terminal()) {
            if (o.jobStatus() != JobStatus.CANCELLING) {
                cancelQuietly(d);
            }
            return;
        }
        JobStatus end = o.jobStatus();
        Runnable ended = () -> {
            history.jobEnded(job, end);
            history.event(d.id(), DeploymentEvent.Type.JOB_CANCELLED, job, "job " + job + " is " + (end == null ? "gone" : end));
        };
        if (d.status().intent().upgrade()) {
            starts.start(d, null, ended);
            return;
        }
        tx.executeWithoutResult(t -> {
            ended.run();
            status.write(d, d.status().withIntent(null).withJob(null, end).withState(DeploymentState.CANCELLED)
                    .withReconciled(d.spec()).withError(null));
        });
    }

    private void trigger(Deployment d) {
        Intent intent = d.status().intent();
        SavepointCalls.Answer answer = calls.trigger(d, intent.jobId(), intent.triggerId(), true);
        if (answer.kind() == SavepointCalls.Answer.Kind.NO_ANSWER) {
            status.write(d, d.status().withError("triggering savepoint " + intent.triggerId() + ": " + answer.detail()));
            return;
        }
        if (answer.kind() == SavepointCalls.Answer.Kind.FAILED) {
            failed(d, answer.detail());
            return;
        }
        hook().at(ReconcilerHook.Point.FLINK_CALLED, d);
        history.event(d.id(), DeploymentEvent.Type.SAVEPOINT_TRIGGERED, intent.jobId(), "stop-with-savepoint "
                + intent.triggerId() + (intent.upgrade() ? " for the upgrade" : ""));
    }

    private void completed(Deployment d, String location) {
        Intent intent = d.status().intent();
        Runnable recorded = () -> {
            history.savepointCompleted(intent.savepointId(), location);
            history.jobEnded(intent.jobId(), JobStatus.FINISHED);
            history.event(d.id(), DeploymentEvent.Type.SAVEPOINT_COMPLETED, intent.jobId(), "savepoint at " + location);
        };
        if (intent.upgrade()) {
            starts.start(d, location, recorded);
            savepoints.retain(d);
            return;
        }
        tx.executeWithoutResult(t -> {
            recorded.run();
            status.write(d, d.status().withIntent(null).withJob(null, JobStatus.FINISHED).withState(DeploymentState.SUSPENDED)
                    .withReconciled(d.spec()).withError(null).withAttempts(d.status().jobAttempts(), 0));
        });
        savepoints.retain(d);
    }

    /**
     * The job ended and Flink no longer knows the trigger (the platform was down longer than Flink keeps a trigger's
     * result): the savepoint the job ended with is the stop's; a job that ended without one lost it.
     */
    private void ended(Deployment d, Observation o) {
        Intent intent = d.status().intent();
        SavepointCalls.Answer answer = o.jobStatus() == JobStatus.FINISHED ? calls.endedWith(d, intent.jobId())
                : new SavepointCalls.Answer(SavepointCalls.Answer.Kind.FAILED, "the job ended " + o.jobStatus());
        switch (answer.kind()) {
            case COMPLETED -> completed(d, answer.detail());
            case NO_ANSWER -> status.write(d, d.status().withError("reading job " + intent.jobId() + "'s savepoints: "
                    + answer.detail()));
            default -> lost(d, "job " + intent.jobId() + " ended before its savepoint " + intent.triggerId()
                    + " was confirmed: " + answer.detail());
        }
    }

    /**
     * The job ended or is gone from Flink (a LOCAL job's JobManager died, a session cluster lost it) while its
     * savepoint was under way, and nothing confirms the savepoint: it is FAILED; the intent ends, and the next round
     * restarts the deployment's job from the latest state as for any job that vanished. Not a savepoint attempt: no
     * old job runs on.
     */
    private void lost(Deployment d, String why) {
        Intent intent = d.status().intent();
        tx.executeWithoutResult(t -> {
            history.savepointFailed(intent.savepointId(), why);
            history.event(d.id(), DeploymentEvent.Type.SAVEPOINT_FAILED, intent.jobId(), why);
            status.write(d, d.status().withIntent(null).withError(why));
        });
    }

    private void failed(Deployment d, String why) {
        Intent intent = d.status().intent();
        int attempts = d.status().savepointAttempts() + 1;
        int max = d.spec().maxSavepointCreationAttempts();
        String what = intent.upgrade() ? "STATEFUL upgrade" : "suspend";
        tx.executeWithoutResult(t -> {
            history.savepointFailed(intent.savepointId(), why);
            history.event(d.id(), DeploymentEvent.Type.SAVEPOINT_FAILED, intent.jobId(),
                    "savepoint attempt " + attempts + " of " + max + " failed: " + why);
            DeploymentStatus next = d.status().withIntent(null).withState(DeploymentState.RUNNING)
                    .withAttempts(d.status().jobAttempts(), attempts);
            if (attempts >= max) {
                String stuck = what + " stuck: the savepoint failed " + attempts + " time(s), last: " + why
                        + "; the old job keeps running; change the spec to try again";
                history.event(d.id(), DeploymentEvent.Type.RETRIES_EXHAUSTED, intent.jobId(), stuck);
                status.write(d, next.withStuck(d.generation()).withError(stuck));
            } else {
                status.write(d, next.withError(what + ": savepoint attempt " + attempts + " of " + max + " failed: " + why
                        + "; the old job keeps running; retrying"));
            }
        });
    }

    private void cancelQuietly(Deployment d) {
        try {
            jobs(d).cancel(JobID.fromHexString(d.status().intent().jobId()));
        } catch (FlinkRestException e) {
            status.write(d, d.status().withError("cancelling job " + d.status().intent().jobId() + ": " + e.getMessage()));
        }
    }

    private FlinkJobs jobs(Deployment d) {
        return targets.jobs(d);
    }

    private ReconcilerHook hook() {
        return hook.getIfAvailable(() -> ReconcilerHook.NONE);
    }
}

package dev.flinkopslab.platform.reconciler;

import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentEvent;
import dev.flinkopslab.platform.deployments.DeploymentHistory;
import dev.flinkopslab.platform.deployments.Savepoint;
import dev.flinkopslab.platform.deployments.SavepointDisposal;
import dev.flinkopslab.platform.deployments.SavepointSchedule;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.runtime.rest.messages.TriggerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Savepoints of a running job (USER and PERIODIC), crash-safe as the stops are: the savepoint row with its trigger
 * id is written before Flink is called (by the API for a USER one, here for a PERIODIC one); a PENDING one is
 * polled, and triggered with its id only if Flink never heard of it. And retention, after a savepoint completed.
 */
@Component
public class Savepoints {
    private static final Logger LOG = LoggerFactory.getLogger(Savepoints.class);
    private final DeploymentHistory history;
    private final StatusWriter status;
    private final SavepointCalls calls;
    private final SavepointDisposal disposal;
    private final TransactionTemplate tx;
    private final ObjectProvider<ReconcilerHook> hook;

    Savepoints(DeploymentHistory history, StatusWriter status, SavepointCalls calls, SavepointDisposal disposal,
               TransactionTemplate tx, ObjectProvider<ReconcilerHook> hook) {
        this.history = history;
        this.status = status;
        this.calls = calls;
        this.disposal = disposal;
        this.tx = tx;
        this.hook = hook;
    }

    /** What the Decider needs to know of the deployment's savepoints, read from the database. */
    public SavepointFacts facts(Deployment d, Instant now) {
        Savepoint pending = history.pendingSavepoint(d.id()).orElse(null);
        String job = d.status().jobId();
        Instant periodStart = job == null ? null : history.newestSavepointOf(job)
                .or(() -> history.job(job).map(j -> j.startedAt() != null ? j.startedAt() : j.createdAt()))
                .orElse(null);
        return new SavepointFacts(pending, periodStart, now);
    }

    /** Records a savepoint of the running job (trigger id generated now), then triggers it. */
    public void take(Deployment d, Savepoint.Origin origin) {
        Savepoint sp = history.insertSavepoint(d.id(), d.status().jobId(), origin, new TriggerId().toHexString());
        hook().at(ReconcilerHook.Point.INTENT_PERSISTED, d);
        trigger(d, sp);
    }

    /**
     * A PENDING savepoint: still running, done (then retention), failed, or unknown to Flink — then triggered with
     * its recorded id while its job is the deployment's current one; a job that ended before cannot take it.
     */
    public void poll(Deployment d, Savepoint sp) {
        SavepointCalls.Answer answer = calls.poll(d, sp.flinkJobId(), sp.triggerId());
        switch (answer.kind()) {
            case NO_ANSWER -> status.write(d, d.status().withError("polling savepoint " + sp.triggerId() + ": " + answer.detail()));
            case UNKNOWN -> {
                if (Objects.equals(sp.flinkJobId(), d.status().jobId())) {
                    hook().at(ReconcilerHook.Point.INTENT_PERSISTED, d);
                    trigger(d, sp);
                } else {
                    failed(d, sp, "job " + sp.flinkJobId() + " ended before the savepoint was triggered");
                }
            }
            case COMPLETED -> completed(d, sp, answer.detail());
            case FAILED -> failed(d, sp, answer.detail());
            case IN_PROGRESS, ACCEPTED -> { }
        }
    }

    /**
     * Disposes the completed savepoints the spec's maxCount and maxAge no longer keep ({@link Decider#expired}); one
     * that cannot be disposed is said in an event and left for the next time.
     */
    public void retain(Deployment d) {
        SavepointSchedule schedule = d.spec().savepoints();
        if (schedule == null || !schedule.limitsRetention()) {
            return;
        }
        for (Decider.Expired e : Decider.expired(history.completedSavepoints(d.id()), schedule, Instant.now())) {
            try {
                disposal.dispose(d, e.savepoint(), "retention: " + e.why(), () -> {});
            } catch (IOException | RuntimeException ex) {
                LOG.warn("disposing savepoint {} of {}/{} failed", e.savepoint().id(), d.namespace(), d.metadata().name(), ex);
                history.event(d.id(), DeploymentEvent.Type.ERROR, e.savepoint().flinkJobId(), "retention could not dispose savepoint "
                        + e.savepoint().id() + " at " + e.savepoint().location() + ": " + ex.getMessage());
            }
        }
    }

    private void trigger(Deployment d, Savepoint sp) {
        SavepointCalls.Answer answer = calls.trigger(d, sp.flinkJobId(), sp.triggerId(), false);
        switch (answer.kind()) {
            case NO_ANSWER -> status.write(d, d.status().withError("triggering savepoint " + sp.triggerId() + ": " + answer.detail()));
            case FAILED -> failed(d, sp, answer.detail());
            default -> {
                hook().at(ReconcilerHook.Point.FLINK_CALLED, d);
                history.event(d.id(), DeploymentEvent.Type.SAVEPOINT_TRIGGERED, sp.flinkJobId(), "savepoint " + sp.id()
                        + " (" + sp.origin() + "), trigger " + sp.triggerId() + "; the job runs on");
            }
        }
    }

    private void completed(Deployment d, Savepoint sp, String location) {
        tx.executeWithoutResult(t -> {
            history.savepointCompleted(sp.id(), location);
            history.event(d.id(), DeploymentEvent.Type.SAVEPOINT_COMPLETED, sp.flinkJobId(), "savepoint " + sp.id()
                    + " (" + sp.origin() + ") at " + location);
        });
        retain(d);
    }

    private void failed(Deployment d, Savepoint sp, String why) {
        tx.executeWithoutResult(t -> {
            history.savepointFailed(sp.id(), why);
            history.event(d.id(), DeploymentEvent.Type.SAVEPOINT_FAILED, sp.flinkJobId(), "savepoint " + sp.id()
                    + " (" + sp.origin() + ") failed: " + why);
        });
    }

    private ReconcilerHook hook() {
        return hook.getIfAvailable(() -> ReconcilerHook.NONE);
    }
}

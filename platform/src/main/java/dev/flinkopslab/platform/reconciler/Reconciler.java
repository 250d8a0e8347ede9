package dev.flinkopslab.platform.reconciler;

import dev.flinkopslab.platform.clusters.LocalClusters;
import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentEvent;
import dev.flinkopslab.platform.deployments.DeploymentHistory;
import dev.flinkopslab.platform.deployments.DeploymentRepository;
import dev.flinkopslab.platform.deployments.DeploymentState;
import dev.flinkopslab.platform.deployments.DeploymentStatus;
import dev.flinkopslab.platform.deployments.DesiredState;
import dev.flinkopslab.platform.deployments.Savepoint;
import java.time.Instant;
import org.apache.flink.api.common.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One round over all deployments: observe (Flink), decide ({@link Decider}, pure), act ({@link Starts},
 * {@link Stops}) — each act persists its intent before it touches Flink. Each round first stops the LOCAL clusters
 * no deployment names any more. It keeps no state of its own between
 * rounds: a fresh instance on the same database (after a crash) carries on where the last one stopped.
 */
@Component
public class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private final DeploymentRepository deployments;
    private final DeploymentHistory history;
    private final Observer observer;
    private final Starts starts;
    private final Stops stops;
    private final Savepoints savepoints;
    private final StatusWriter status;
    private final LocalClusters clusters;
    private final ActiveJobs activeJobs;
    private final RestartEvents restartEvents;
    private final TransactionTemplate tx;

    public Reconciler(DeploymentRepository deployments, DeploymentHistory history, Observer observer, Starts starts,
                      Stops stops, Savepoints savepoints, StatusWriter status, LocalClusters clusters, ActiveJobs activeJobs, RestartEvents restartEvents,
                      TransactionTemplate tx) {
        this.tx = tx;
        this.restartEvents = restartEvents;
        this.clusters = clusters;
        this.activeJobs = activeJobs;
        this.deployments = deployments;
        this.history = history;
        this.observer = observer;
        this.starts = starts;
        this.stops = stops;
        this.savepoints = savepoints;
        this.status = status;
    }

    public void reconcileAll() {
        try {
            clusters.releaseAllBut(activeJobs.get());
        } catch (RuntimeException e) {
            LOG.warn("stopping the clusters of ended jobs failed", e);
        }
        for (Deployment d : deployments.all()) {
            try {
                reconcile(d);
            } catch (RuntimeException e) {
                LOG.warn("reconciling deployment {}/{} failed", d.namespace(), d.metadata().name(), e);
                // re-read: the failed act may have persisted an intent that must not be overwritten
                deployments.findById(d.id()).ifPresent(fresh -> status.write(fresh, fresh.status()
                        .withError("reconciler: " + e.getClass().getSimpleName() + ": " + e.getMessage())));
            }
        }
    }

    public void reconcile(Deployment d) {
        Observation o = observer.observe(d);
        SavepointFacts facts = savepoints.facts(d, Instant.now());
        Decision decision = Decider.decide(d, o, facts);
        LOG.debug("{}/{}: {} ({})", d.namespace(), d.metadata().name(), decision.kind(), decision.reason());
        switch (decision.kind()) {
            case WAIT -> status.write(d, d.status().withError(decision.reason()));
            case OBSERVE -> observed(d, o, decision);
            case START -> starts.start(d, null, () -> {});
            case SUBMIT -> starts.submit(d);
            case ADOPT -> starts.adopt(d);
            case RESTART -> starts.restart(d, o);
            case SUSPEND -> stops.stopWithSavepoint(d, Savepoint.Origin.SUSPEND);
            case UPGRADE_STATEFUL -> stops.stopWithSavepoint(d, Savepoint.Origin.UPGRADE);
            case POLL_SAVEPOINT -> stops.pollSavepoint(d, o);
            case CANCEL -> stops.cancel(d, false);
            case UPGRADE_STATELESS -> stops.cancel(d, true);
            case POLL_CANCEL -> stops.pollCancel(d, o);
            case SETTLE -> settle(d, o);
            case POLL_PENDING_SAVEPOINT -> savepoints.poll(o.known() && !o.terminal() ? observed(d, o, decision) : d,
                    facts.pending());
            case PERIODIC_SAVEPOINT -> savepoints.take(observed(d, o, decision), Savepoint.Origin.PERIODIC);
            case ROLLBACK -> rollback(d, o, decision);
        }
    }

    /**
     * Records the rollback (this generation is not tried again, fresh attempts for the stable spec), then cancels the
     * spec's job if it still exists — it is not ready, so it gets no savepoint — and starts the last stable spec,
     * restored as the restore strategy says ({@link Starts} runs the stable spec for a rolled-back generation).
     */
    private void rollback(Deployment d, Observation o, Decision decision) {
        DeploymentStatus s = d.status();
        String why = "rolled back to the last stable spec: " + decision.reason() + "; change the spec to try again";
        Deployment marked = tx.execute(t -> {
            history.event(d.id(), DeploymentEvent.Type.ROLLED_BACK, s.jobId(), why);
            return status.write(d, s.withRolledBack(d.generation()).withReadinessDeadline(null).withStuck(null)
                    .withAttempts(0, 0).withObservedGeneration(d.generation()).withError(why));
        });
        String job = s.jobId();
        if (o.known() && !o.terminal()) {
            stops.cancel(marked, true);
        } else {
            starts.start(marked, null, job == null ? () -> {} : () -> history.jobEnded(job, o.jobStatus()));
        }
    }

    /**
     * Records the job's status (RUNNING once every task runs) and the restarts Flink did since the last round. A
     * NONE upgrade's wait is said once, as an event.
     */
    private Deployment observed(Deployment d, Observation o, Decision decision) {
        DeploymentStatus s = d.status();
        if (s.jobId() == null) {
            return d;
        }
        if (o.known() && !o.terminal()) {
            restartEvents.record(d, s.jobId());
        }
        boolean stuck = s.stuckGeneration() != null && s.stuckGeneration() == d.generation();
        boolean rolledBack = s.rolledBack(d.generation());
        DeploymentStatus next = s.withJob(s.jobId(), o.jobStatus()).withState(!o.allTasksRunning()
                ? DeploymentState.TRANSITIONING : rolledBack ? DeploymentState.ROLLED_BACK : DeploymentState.RUNNING);
        if (o.allTasksRunning()) {
            // every task ran: this job's spec is what a rollback goes back to, and its readiness window is over
            next = next.withStable(s.lastReconciledSpec()).withReadinessDeadline(null);
        }
        if (o.allTasksRunning() && !stuck && !rolledBack) {
            next = next.withError(null);
        }
        // only an OBSERVE is a NONE upgrade's wait; one behind a pending savepoint must still count its attempts afresh
        if (decision.kind() == Decision.Kind.OBSERVE && s.observedGeneration() != d.generation()
                && d.spec().jobDiffers(s.lastReconciledSpec()) && d.spec().state() == DesiredState.RUNNING) {
            history.event(d.id(), DeploymentEvent.Type.UPGRADE_WAITING, s.jobId(), decision.reason());
            // a new generation: its attempts start from 0, as when the reconciler acts on it
            next = next.withObservedGeneration(d.generation()).withAttempts(0, 0);
        }
        return status.write(d, next);
    }

    /**
     * No job runs, or the last one ended: the state the spec asks for (FAILED if it should run and cannot,
     * FINISHED if its job ended by itself).
     */
    private void settle(Deployment d, Observation o) {
        DeploymentStatus s = d.status();
        JobStatus end = s.jobId() != null ? o.jobStatus() : s.jobStatus();
        if (s.jobId() != null) {
            history.jobEnded(s.jobId(), end);
            history.event(d.id(), DeploymentEvent.Type.JOB_FINISHED, s.jobId(), "job " + s.jobId() + " is "
                    + (end == null ? "gone from Flink" : end));
        }
        DeploymentState state = switch (d.spec().state()) {
            case RUNNING -> end == JobStatus.FINISHED ? DeploymentState.FINISHED : DeploymentState.FAILED;
            case SUSPENDED -> DeploymentState.SUSPENDED;
            case CANCELLED -> DeploymentState.CANCELLED;
        };
        DeploymentStatus next = s.withJob(null, end).withState(state).withObservedGeneration(d.generation());
        // FAILED and FINISHED keep the last job's spec as the reconciled one: a spec changed just before it ended never ran
        status.write(d, state == DeploymentState.FAILED || state == DeploymentState.FINISHED ? next : next.withReconciled(d.spec()));
    }
}

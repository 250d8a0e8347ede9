package dev.flinkopslab.platform.deployments;

import dev.flinkopslab.platform.audit.AuditLog;
import dev.flinkopslab.platform.web.ApiException;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.rest.messages.TriggerId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user's savepoints: a request only records the savepoint (PENDING, its trigger id generated here) — the
 * reconciler triggers and polls it, so a crash of the platform loses nothing; a dispose removes a completed one.
 */
@Service
public class SavepointService {
    private final DeploymentService deployments;
    private final DeploymentHistory history;
    private final SavepointDisposal disposal;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    public SavepointService(DeploymentService deployments, DeploymentHistory history, SavepointDisposal disposal,
                            AuditLog audit, TransactionTemplate tx) {
        this.deployments = deployments;
        this.history = history;
        this.disposal = disposal;
        this.audit = audit;
        this.tx = tx;
    }

    /** Refused (409) without a running job, and while the reconciler or another savepoint is at work on it. */
    public Savepoint request(String namespace, String name, String user) {
        Deployment d = deployments.get(namespace, name);
        String refusal = refusal(d);
        if (refusal != null) {
            throw ApiException.conflict(refusal);
        }
        String job = d.status().jobId();
        String trigger = new TriggerId().toHexString();
        return tx.execute(t -> {
            Savepoint sp = history.insertSavepoint(d.id(), job, Savepoint.Origin.USER, trigger);
            audit.record(user, "savepoint.requested", namespace, "savepoint", Long.toString(sp.id()),
                    "deployment " + name + ", job " + job + ", trigger " + trigger);
            return sp;
        });
    }

    public Savepoint get(String namespace, String name, long id) {
        return savepointOf(deployments.get(namespace, name), id);
    }

    /**
     * Refused (409) for a savepoint that is not COMPLETED, and, unless forced, for the one the deployment's next
     * restore would use while it runs, is suspended or is on its way.
     */
    public Savepoint dispose(String namespace, String name, long id, String user, boolean force) {
        Deployment d = deployments.get(namespace, name);
        Savepoint sp = savepointOf(d, id);
        if (sp.state() != Savepoint.State.COMPLETED) {
            throw ApiException.conflict("savepoint " + id + " is " + sp.state() + "; only a COMPLETED savepoint can be disposed");
        }
        if (!force && isNextRestore(d, sp)) {
            throw ApiException.conflict("savepoint " + id + " is the one deployment '" + name + "' (" + d.status().state()
                    + ") restores from next; take a newer one first, or dispose it anyway with ?force=true");
        }
        try {
            return disposal.dispose(d, sp, "by " + user + (force ? " (forced)" : ""), () -> audit.record(user,
                    "savepoint.disposed", namespace, "savepoint", Long.toString(id), "deployment " + name + ", "
                            + sp.location() + (force ? ", forced" : "")));
        } catch (IOException e) {
            throw ApiException.conflict("savepoint " + id + " at " + sp.location() + " cannot be removed from the platform ("
                    + oneLine(e) + "); nothing was changed");
        }
    }

    private boolean isNextRestore(Deployment d, Savepoint sp) {
        DeploymentStatus s = d.status();
        if (s.intent() != null && Objects.equals(s.intent().restorePath(), sp.location())) {
            return true; // a start from it is under way
        }
        boolean restores = d.spec().restoreStrategy() != RestoreStrategy.NONE && switch (s.state()) {
            case RUNNING, ROLLED_BACK, SUSPENDED, TRANSITIONING -> true;
            case CANCELLED, FAILED, FINISHED -> false;
        };
        return restores && history.latestCompletedSavepoint(d.id()).map(l -> l.id() == sp.id()).orElse(false);
    }

    /** Why no savepoint can be taken now, in one line; null if one can. */
    private String refusal(Deployment d) {
        DeploymentStatus s = d.status();
        String name = "deployment '" + d.metadata().name() + "'";
        if (s.jobId() == null || s.jobStatus() != JobStatus.RUNNING) {
            return name + " has no running job (state " + s.state() + (s.jobStatus() != null ? ", job " + s.jobStatus() : "")
                    + "); a savepoint needs one";
        }
        if (s.intent() != null) {
            return name + " is " + switch (s.intent().step()) {
                case STARTING -> "starting job " + s.intent().jobId();
                case STOPPING -> "stopping job " + s.intent().jobId() + " with a savepoint";
                case CANCELLING -> "cancelling job " + s.intent().jobId();
            } + "; ask again when its status has no intent";
        }
        Savepoint pending = history.pendingSavepoint(d.id()).orElse(null);
        if (pending != null) {
            return "savepoint " + pending.id() + " (" + pending.origin() + ") of " + name
                    + " is under way; ask again when it is COMPLETED or FAILED";
        }
        if (d.spec().state() != DesiredState.RUNNING) {
            return name + "'s job is about to stop (spec.state " + d.spec().state() + ")";
        }
        boolean stuck = s.stuckGeneration() != null && s.stuckGeneration() == d.generation();
        if (d.spec().jobDiffers(s.lastReconciledSpec()) && d.spec().upgradeStrategy() != UpgradeStrategy.NONE && !stuck) {
            return "an upgrade of " + name + " to generation " + d.generation() + " is under way; ask again when it is done";
        }
        return null;
    }

    private Savepoint savepointOf(Deployment d, long id) {
        return history.savepoint(id).filter(sp -> sp.deploymentId() == d.id()).orElseThrow(() -> ApiException.notFound(
                "deployment '" + d.metadata().name() + "' has no savepoint " + id + "; GET .../deployments/"
                        + d.metadata().name() + "/savepoints lists them"));
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}

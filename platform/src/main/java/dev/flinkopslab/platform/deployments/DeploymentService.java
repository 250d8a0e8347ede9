package dev.flinkopslab.platform.deployments;

import dev.flinkopslab.platform.audit.AuditLog;
import dev.flinkopslab.platform.web.ApiException;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Create, replace, patch, delete: validated first, then one transaction with the audit event; a dry run stops before
 * it, after {@link DryRunChecks} (a RUNNING spec's job graph compiled, its restore path, a session cluster's free slots).
 */
@Service
public class DeploymentService {
    private final DeploymentRepository deployments;
    private final DeploymentValidator validator;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final DeploymentPatch patches;
    private final DryRunChecks dryRuns;

    public DeploymentService(DeploymentRepository deployments, DeploymentValidator validator, AuditLog audit,
                             TransactionTemplate tx, DeploymentPatch patches, DryRunChecks dryRuns) {
        this.deployments = deployments;
        this.dryRuns = dryRuns;
        this.validator = validator;
        this.audit = audit;
        this.tx = tx;
        this.patches = patches;
    }

    /** What an apply did, or (dry run) would do. */
    public record Applied(boolean dryRun, String plan, Deployment deployment) {}

    public Applied create(String namespace, String user, DeploymentRequest request, boolean dryRun) {
        String name = request.metadata().name();
        if (deployments.find(namespace, name).isPresent()) {
            throw exists(namespace, name);
        }
        validator.validate(namespace, request.spec());
        String plan = ApplyPlan.forCreate(request.spec());
        if (dryRun) {
            return new Applied(true, dryRuns.forCreate(namespace, request.metadata(), request.spec(), plan), null);
        }
        try {
            return new Applied(false, plan, tx.execute(s -> {
                Deployment d = deployments.insert(namespace, request.metadata(), request.spec(), user);
                audit.record(user, "deployment.created", namespace, "deployment", name, plan);
                return d;
            }));
        } catch (DuplicateKeyException e) {
            throw exists(namespace, name);
        }
    }

    public Applied replace(String namespace, String name, String user, DeploymentRequest request, boolean dryRun) {
        if (!request.metadata().name().equals(name)) {
            throw ApiException.badRequest("invalid field 'metadata.name': '" + request.metadata().name()
                    + "' is not the deployment in the path ('" + name + "'); a deployment cannot be renamed");
        }
        Deployment current = get(namespace, name);
        validator.validate(namespace, request.spec());
        String plan = ApplyPlan.forReplace(current, request.spec());
        if (dryRun) {
            return new Applied(true, dryRuns.forReplace(current, request.spec(), plan), current);
        }
        return new Applied(false, plan, tx.execute(s -> {
            Deployment d = deployments.replace(current.id(), request.metadata().labels(), request.spec());
            audit.record(user, "deployment.replaced", namespace, "deployment", name, "generation " + d.generation() + ": " + plan);
            return d;
        }));
    }

    /**
     * A JSON merge patch of metadata and spec, then checked as a replace is. The generation goes up only if the
     * spec changes (a labels-only patch leaves the reconciler's attempt counters alone); no change writes nothing.
     */
    public Applied patch(String namespace, String name, String user, JsonNode patch, boolean dryRun) {
        Deployment current = get(namespace, name);
        DeploymentRequest request = patches.apply(current, patch);
        if (!request.metadata().name().equals(name)) {
            throw ApiException.badRequest("invalid field 'metadata.name': '" + request.metadata().name()
                    + "' is not the deployment in the path ('" + name + "'); a deployment cannot be renamed");
        }
        validator.validate(namespace, request.spec());
        boolean specChanges = !request.spec().equals(current.spec());
        boolean labelsChange = !request.metadata().labels().equals(current.metadata().labels());
        String plan = specChanges ? ApplyPlan.forReplace(current, request.spec())
                : labelsChange ? "labels only; the spec and its generation stay" : "no change";
        if (dryRun) {
            return new Applied(true, specChanges ? dryRuns.forReplace(current, request.spec(), plan) : plan, current);
        }
        if (!specChanges && !labelsChange) {
            return new Applied(false, plan, current);
        }
        return new Applied(false, plan, tx.execute(s -> {
            Deployment d = specChanges ? deployments.replace(current.id(), request.metadata().labels(), request.spec())
                    : deployments.replaceLabels(current.id(), request.metadata().labels());
            audit.record(user, "deployment.patched", namespace, "deployment", name, "generation " + d.generation() + ": " + plan);
            return d;
        }));
    }

    public Deployment get(String namespace, String name) {
        return deployments.find(namespace, name).orElseThrow(() -> ApiException.notFound("no deployment '" + name
                + "' in namespace '" + namespace + "'; GET /api/v1/namespaces/" + namespace + "/deployments lists them"));
    }

    public List<Deployment> list(String namespace) {
        return deployments.list(namespace);
    }

    /** Refused (409) while a job runs or the reconciler is acting: suspend or cancel it first. */
    public void delete(String namespace, String name, String user) {
        Deployment d = get(namespace, name);
        if (d.status().jobId() != null || d.status().intent() != null) {
            throw ApiException.conflict("deployment '" + name + "' still has job " + (d.status().jobId() != null
                    ? d.status().jobId() : d.status().intent().jobId()) + "; set spec.state to CANCELLED or SUSPENDED"
                    + " and wait until the status says so, then delete");
        }
        tx.executeWithoutResult(s -> {
            deployments.delete(d.id());
            audit.record(user, "deployment.deleted", namespace, "deployment", name, "generation " + d.generation());
        });
    }

    private static ApiException exists(String namespace, String name) {
        return ApiException.conflict("deployment '" + name + "' already exists in namespace '" + namespace
                + "'; PUT /api/v1/namespaces/" + namespace + "/deployments/" + name + " replaces it");
    }
}

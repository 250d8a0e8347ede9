package dev.flinkopslab.platform.reconciler;

import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentEvent;
import dev.flinkopslab.platform.deployments.DeploymentHistory;
import dev.flinkopslab.platform.deployments.DeploymentRepository;
import dev.flinkopslab.platform.deployments.DeploymentStatus;
import org.springframework.stereotype.Component;

/** Writes a deployment's status (only when it changed), with a STATE_CHANGED event when its state did. */
@Component
public class StatusWriter {
    private final DeploymentRepository deployments;
    private final DeploymentHistory history;

    public StatusWriter(DeploymentRepository deployments, DeploymentHistory history) {
        this.deployments = deployments;
        this.history = history;
    }

    /** @return the deployment with the new status */
    public Deployment write(Deployment d, DeploymentStatus next) {
        if (!next.equals(d.status())) {
            deployments.updateStatus(d.id(), next);
            if (next.state() != d.status().state()) {
                history.event(d.id(), DeploymentEvent.Type.STATE_CHANGED, next.jobId(), d.status().state() + " -> " + next.state()
                        + (next.lastError() != null ? ": " + next.lastError() : ""));
            }
        }
        return new Deployment(d.id(), d.namespace(), d.metadata(), d.spec(), next, d.generation(), d.createdBy(),
                d.createdAt(), d.updatedAt());
    }
}

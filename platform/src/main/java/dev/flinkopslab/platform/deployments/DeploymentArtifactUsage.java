package dev.flinkopslab.platform.deployments;

import dev.flinkopslab.platform.artifacts.Artifact;
import dev.flinkopslab.platform.artifacts.ArtifactUsage;
import java.util.List;
import org.springframework.stereotype.Component;

/** An artifact is in use while a deployment's spec names it: deleting it is refused (409) until none does. */
@Component
class DeploymentArtifactUsage implements ArtifactUsage {
    private final DeploymentRepository deployments;

    DeploymentArtifactUsage(DeploymentRepository deployments) {
        this.deployments = deployments;
    }

    @Override
    public List<String> deploymentsUsing(Artifact artifact) {
        return deployments.namesUsingArtifact(artifact.namespace(), artifact.id());
    }
}

package dev.flinkopslab.platform.artifacts;

import java.util.List;
import org.springframework.stereotype.Component;

/** There are no deployments yet: nothing uses an artifact. Replaced when the deployments capability comes. */
@Component
class NoDeploymentsYet implements ArtifactUsage {
    @Override
    public List<String> deploymentsUsing(Artifact artifact) {
        return List.of();
    }
}

package dev.flinkopslab.platform.artifacts;

import java.util.List;

/**
 * The seam between artifacts and deployments: which deployments use an artifact, so that deleting it can be
 * refused (409) while any does. The deployments capability provides it (a deployment uses the artifact its spec
 * names).
 */
public interface ArtifactUsage {
    /** The names of the deployments that use {@code artifact}; empty when it may go. */
    List<String> deploymentsUsing(Artifact artifact);
}

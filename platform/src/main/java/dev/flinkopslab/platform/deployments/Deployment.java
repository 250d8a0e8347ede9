package dev.flinkopslab.platform.deployments;

import java.time.Instant;

/**
 * A deployment as the API shows it: metadata, the user's spec, the reconciler's status.
 *
 * @param generation counts the spec's replacements: 1 at creation
 */
public record Deployment(long id, String namespace, Metadata metadata, DeploymentSpec spec, DeploymentStatus status,
                         long generation, String createdBy, Instant createdAt, Instant updatedAt) {}

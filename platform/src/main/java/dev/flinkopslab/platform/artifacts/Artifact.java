package dev.flinkopslab.platform.artifacts;

import java.time.Instant;

/**
 * An uploaded JAR. Its bytes are {@code <data-dir>/artifacts/<sha256>.jar}; {@code fileName} is only what the
 * client called it (sanitized), never a path.
 */
public record Artifact(long id, String namespace, String fileName, long sizeBytes, String sha256, String uploadedBy,
                       Instant uploadedAt) {}

package dev.flinkopslab.platform.audit;

import java.time.Instant;

/** One change: who did what to which resource, when. {@code namespace} is null for users and tokens. */
public record AuditEvent(long id, Instant occurredAt, String actor, String action, String namespace,
                         String resourceType, String resourceId, String detail) {}

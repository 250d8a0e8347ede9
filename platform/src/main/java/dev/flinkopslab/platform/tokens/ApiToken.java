package dev.flinkopslab.platform.tokens;

import java.time.Instant;

/** An API token as listed: never the token itself, which is shown once, at creation. */
public record ApiToken(long id, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {}

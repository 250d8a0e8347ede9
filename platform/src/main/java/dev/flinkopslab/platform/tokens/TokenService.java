package dev.flinkopslab.platform.tokens;

import dev.flinkopslab.platform.audit.AuditLog;
import dev.flinkopslab.platform.users.PlatformUser;
import dev.flinkopslab.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: 256 random bits, shown once, stored as their SHA-256 (a KDF adds nothing to a random 256-bit
 * secret, and a hash lookup keeps every API call cheap).
 */
@Service
public class TokenService {
    public static final String PREFIX = "lab_";
    private final SecureRandom random = new SecureRandom();
    private final TokenRepository tokens;
    private final AuditLog audit;

    public TokenService(TokenRepository tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    /** A created token with its value: the only time the value is seen. */
    public record CreatedToken(long id, String name, Instant createdAt, String token) {}

    @Transactional
    public CreatedToken create(PlatformUser user, String name) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now();
        long id = tokens.insert(user.id(), name, sha256(token), now);
        audit.record(user.username(), "token.created", null, "token", Long.toString(id), name);
        return new CreatedToken(id, name, now, token);
    }

    @Transactional
    public void revoke(PlatformUser user, long id) {
        if (!tokens.revoke(user.id(), id, Instant.now())) {
            throw ApiException.notFound("user '" + user.username() + "' has no token " + id + "; GET /api/v1/tokens lists them");
        }
        audit.record(user.username(), "token.revoked", null, "token", Long.toString(id), null);
    }

    /** The user a presented token authenticates, if it is known and not revoked. */
    public Optional<PlatformUser> authenticate(String token) {
        if (!token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = sha256(token);
        Optional<PlatformUser> user = tokens.userOfActive(hash);
        user.ifPresent(u -> tokens.touch(hash, Instant.now()));
        return user;
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.flinkopslab.platform.tokens;

import dev.flinkopslab.platform.users.PlatformUser;
import dev.flinkopslab.platform.users.UserRepository;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** API tokens by the SHA-256 of their value: the value itself is never stored. */
@Repository
public class TokenRepository {
    private final JdbcClient jdbc;

    public TokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long userId, String name, String sha256, Instant createdAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_token (user_id, name, token_sha256, created_at) VALUES (:u, :n, :h, :t)")
                .param("u", userId).param("n", name).param("h", sha256).param("t", createdAt.atOffset(ZoneOffset.UTC))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** The user a token that is not revoked belongs to. */
    public Optional<PlatformUser> userOfActive(String sha256) {
        return jdbc.sql("SELECT u.id, u.username FROM api_token t JOIN app_user u ON u.id = t.user_id"
                        + " WHERE t.token_sha256 = :h AND t.revoked_at IS NULL").param("h", sha256)
                .query((rs, n) -> new PlatformUser(rs.getLong("id"), rs.getString("username"), ""))
                .optional();
    }

    public void touch(String sha256, Instant when) {
        jdbc.sql("UPDATE api_token SET last_used_at = :t WHERE token_sha256 = :h")
                .param("t", when.atOffset(ZoneOffset.UTC)).param("h", sha256).update();
    }

    public List<ApiToken> ofUser(long userId) {
        return jdbc.sql("SELECT * FROM api_token WHERE user_id = :u ORDER BY id").param("u", userId)
                .query((rs, n) -> new ApiToken(rs.getLong("id"), rs.getString("name"), UserRepository.instant(rs, "created_at"),
                        UserRepository.instant(rs, "last_used_at"), UserRepository.instant(rs, "revoked_at")))
                .list();
    }

    /** Revokes the user's token {@code id}; false if the user has no such token. Revoking twice is a no-op. */
    public boolean revoke(long userId, long id, Instant when) {
        int rows = jdbc.sql("UPDATE api_token SET revoked_at = COALESCE(revoked_at, :t) WHERE id = :id AND user_id = :u")
                .param("t", when.atOffset(ZoneOffset.UTC)).param("id", id).param("u", userId).update();
        return rows > 0;
    }
}

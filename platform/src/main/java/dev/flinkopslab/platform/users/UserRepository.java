package dev.flinkopslab.platform.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Users, their role per namespace, and the namespaces, in plain SQL. */
@Repository
public class UserRepository {
    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A user as the API shows it: never the hash. */
    public record UserRecord(long id, String username, Instant createdAt, Map<String, Role> roles) {}

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();
    }

    public long insert(String username, String passwordHash, Instant createdAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO app_user (username, password_hash, created_at) VALUES (:u, :h, :t)")
                .param("u", username).param("h", passwordHash).param("t", utc(createdAt))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    public void bindRole(long userId, String namespace, Role role) {
        jdbc.sql("DELETE FROM role_binding WHERE user_id = :id AND namespace = :ns").param("id", userId).param("ns", namespace).update();
        jdbc.sql("INSERT INTO role_binding (user_id, namespace, role) VALUES (:id, :ns, :r)")
                .param("id", userId).param("ns", namespace).param("r", role.name()).update();
    }

    public Optional<PlatformUser> findByUsername(String username) {
        return jdbc.sql("SELECT id, username, password_hash FROM app_user WHERE username = :u").param("u", username)
                .query((rs, n) -> new PlatformUser(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash")))
                .optional();
    }

    public Optional<PlatformUser> findById(long id) {
        return jdbc.sql("SELECT id, username, password_hash FROM app_user WHERE id = :id").param("id", id)
                .query((rs, n) -> new PlatformUser(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash")))
                .optional();
    }

    public Optional<Role> roleIn(long userId, String namespace) {
        return jdbc.sql("SELECT role FROM role_binding WHERE user_id = :id AND namespace = :ns")
                .param("id", userId).param("ns", namespace).query(String.class).optional().map(Role::valueOf);
    }

    public Map<String, Role> roles(long userId) {
        Map<String, Role> roles = new LinkedHashMap<>();
        jdbc.sql("SELECT namespace, role FROM role_binding WHERE user_id = :id ORDER BY namespace").param("id", userId)
                .query(rs -> {
                    roles.put(rs.getString("namespace"), Role.valueOf(rs.getString("role")));
                });
        return roles;
    }

    public Optional<UserRecord> record(long id) {
        return jdbc.sql("SELECT id, username, created_at FROM app_user WHERE id = :id").param("id", id)
                .query(this::userRecord).optional();
    }

    public List<UserRecord> list() {
        return jdbc.sql("SELECT id, username, created_at FROM app_user ORDER BY username").query(this::userRecord).list();
    }

    public boolean namespaceExists(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM namespace WHERE name = :n").param("n", name).query(Long.class).single() > 0;
    }

    private UserRecord userRecord(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        return new UserRecord(id, rs.getString("username"), instant(rs, "created_at"), roles(id));
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    /** A TIMESTAMP WITH TIME ZONE column, as H2 and PostgreSQL both return it. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}

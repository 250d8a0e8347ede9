package dev.flinkopslab.platform.audit;

import dev.flinkopslab.platform.users.UserRepository;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The append-only audit log: every change the API makes writes one event, in the change's transaction. There
 * is no update and no delete here, by design.
 */
@Repository
public class AuditLog {
    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, String namespace, String resourceType, String resourceId, String detail) {
        jdbc.sql("INSERT INTO audit_event (occurred_at, actor, action, namespace, resource_type, resource_id, detail)"
                        + " VALUES (:t, :actor, :action, :ns, :type, :rid, :detail)")
                .param("t", Instant.now().atOffset(ZoneOffset.UTC)).param("actor", actor).param("action", action)
                .param("ns", namespace).param("type", resourceType).param("rid", resourceId)
                .param("detail", detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000))
                .update();
    }

    /** A namespace's events, newest first, at most {@code limit}. */
    public List<AuditEvent> inNamespace(String namespace, int limit) {
        return jdbc.sql("SELECT * FROM audit_event WHERE namespace = :ns ORDER BY id DESC").param("ns", namespace)
                .withMaxRows(limit).query(AuditLog::event).list();
    }

    /** The platform-wide events (users, tokens), newest first. */
    public List<AuditEvent> platformWide(int limit) {
        return jdbc.sql("SELECT * FROM audit_event WHERE namespace IS NULL ORDER BY id DESC")
                .withMaxRows(limit).query(AuditLog::event).list();
    }

    private static AuditEvent event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditEvent(rs.getLong("id"), UserRepository.instant(rs, "occurred_at"), rs.getString("actor"),
                rs.getString("action"), rs.getString("namespace"), rs.getString("resource_type"),
                rs.getString("resource_id"), rs.getString("detail"));
    }
}

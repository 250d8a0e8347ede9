package dev.flinkopslab.platform.deployments;

import dev.flinkopslab.platform.users.UserRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployments: spec and labels (written by the API) and status (written by the reconciler) are separate
 * columns updated by separate statements, so neither overwrites the other's write.
 */
@Repository
public class DeploymentRepository {
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};
    private final JdbcClient jdbc;
    private final JsonMapper json;

    public DeploymentRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Deployment insert(String namespace, Metadata metadata, DeploymentSpec spec, String user) {
        KeyHolder keys = new GeneratedKeyHolder();
        Instant now = Instant.now();
        jdbc.sql("INSERT INTO deployment (namespace, name, labels, spec, artifact_id, generation, status, created_by, created_at, updated_at)"
                        + " VALUES (:ns, :name, :labels, :spec, :artifact, 1, :status, :by, :at, :at)")
                .param("ns", namespace).param("name", metadata.name()).param("labels", json.writeValueAsString(metadata.labels()))
                .param("spec", json.writeValueAsString(spec)).param("artifact", spec.template().artifactId())
                .param("status", json.writeValueAsString(DeploymentStatus.initial())).param("by", user)
                .param("at", now.atOffset(ZoneOffset.UTC))
                .update(keys, "id");
        return findById(keys.getKeyAs(Long.class)).orElseThrow();
    }

    /** The user's replace: labels and spec, one generation up. */
    public Deployment replace(long id, Map<String, String> labels, DeploymentSpec spec) {
        jdbc.sql("UPDATE deployment SET labels = :labels, spec = :spec, artifact_id = :artifact, generation = generation + 1,"
                        + " updated_at = :at WHERE id = :id")
                .param("labels", json.writeValueAsString(labels)).param("spec", json.writeValueAsString(spec))
                .param("artifact", spec.template().artifactId()).param("at", Instant.now().atOffset(ZoneOffset.UTC))
                .param("id", id).update();
        return findById(id).orElseThrow();
    }

    /** A change of labels alone: the spec, and so its generation, stay. */
    public Deployment replaceLabels(long id, Map<String, String> labels) {
        jdbc.sql("UPDATE deployment SET labels = :labels, updated_at = :at WHERE id = :id")
                .param("labels", json.writeValueAsString(labels)).param("at", Instant.now().atOffset(ZoneOffset.UTC))
                .param("id", id).update();
        return findById(id).orElseThrow();
    }

    /** The reconciler's write: the status only. */
    public void updateStatus(long id, DeploymentStatus status) {
        jdbc.sql("UPDATE deployment SET status = :status WHERE id = :id")
                .param("status", json.writeValueAsString(status)).param("id", id).update();
    }

    public Optional<Deployment> find(String namespace, String name) {
        return jdbc.sql("SELECT * FROM deployment WHERE namespace = :ns AND name = :name").param("ns", namespace)
                .param("name", name).query(this::deployment).optional();
    }

    public Optional<Deployment> findById(long id) {
        return jdbc.sql("SELECT * FROM deployment WHERE id = :id").param("id", id).query(this::deployment).optional();
    }

    public List<Deployment> list(String namespace) {
        return jdbc.sql("SELECT * FROM deployment WHERE namespace = :ns ORDER BY name").param("ns", namespace)
                .query(this::deployment).list();
    }

    public List<Deployment> all() {
        return jdbc.sql("SELECT * FROM deployment ORDER BY id").query(this::deployment).list();
    }

    public List<String> namesUsingArtifact(String namespace, long artifactId) {
        return jdbc.sql("SELECT name FROM deployment WHERE namespace = :ns AND artifact_id = :a ORDER BY name")
                .param("ns", namespace).param("a", artifactId).query(String.class).list();
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM deployment WHERE id = :id").param("id", id).update() > 0;
    }

    private Deployment deployment(ResultSet rs, int row) throws SQLException {
        return new Deployment(rs.getLong("id"), rs.getString("namespace"),
                new Metadata(rs.getString("name"), json.readValue(rs.getString("labels"), LABELS)),
                json.readValue(rs.getString("spec"), DeploymentSpec.class),
                json.readValue(rs.getString("status"), DeploymentStatus.class), rs.getLong("generation"),
                rs.getString("created_by"), UserRepository.instant(rs, "created_at"), UserRepository.instant(rs, "updated_at"));
    }
}

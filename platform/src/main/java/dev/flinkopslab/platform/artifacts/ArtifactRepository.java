package dev.flinkopslab.platform.artifacts;

import dev.flinkopslab.platform.users.UserRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The artifacts' metadata; their bytes are the {@link ArtifactStore}'s. */
@Repository
public class ArtifactRepository {
    private final JdbcClient jdbc;

    public ArtifactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Artifact insert(String namespace, String fileName, long size, String sha256, String uploadedBy, Instant at) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO artifact (namespace, file_name, sha256, size_bytes, uploaded_by, uploaded_at)"
                        + " VALUES (:ns, :name, :sha, :size, :by, :at)")
                .param("ns", namespace).param("name", fileName).param("sha", sha256).param("size", size)
                .param("by", uploadedBy).param("at", at.atOffset(ZoneOffset.UTC))
                .update(keys, "id");
        return find(namespace, keys.getKeyAs(Long.class)).orElseThrow();
    }

    public List<Artifact> list(String namespace) {
        return jdbc.sql("SELECT * FROM artifact WHERE namespace = :ns ORDER BY id").param("ns", namespace)
                .query(ArtifactRepository::artifact).list();
    }

    public Optional<Artifact> find(String namespace, long id) {
        return jdbc.sql("SELECT * FROM artifact WHERE namespace = :ns AND id = :id").param("ns", namespace).param("id", id)
                .query(ArtifactRepository::artifact).optional();
    }

    public boolean delete(String namespace, long id) {
        return jdbc.sql("DELETE FROM artifact WHERE namespace = :ns AND id = :id").param("ns", namespace).param("id", id)
                .update() > 0;
    }

    /** How many artifacts, in any namespace, have these bytes: the file goes only with the last of them. */
    public long countWithSha256(String sha256) {
        return jdbc.sql("SELECT COUNT(*) FROM artifact WHERE sha256 = :sha").param("sha", sha256).query(Long.class).single();
    }

    private static Artifact artifact(ResultSet rs, int row) throws SQLException {
        return new Artifact(rs.getLong("id"), rs.getString("namespace"), rs.getString("file_name"), rs.getLong("size_bytes"),
                rs.getString("sha256").strip(), rs.getString("uploaded_by"), UserRepository.instant(rs, "uploaded_at"));
    }
}

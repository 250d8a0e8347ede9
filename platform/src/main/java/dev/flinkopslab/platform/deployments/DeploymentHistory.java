package dev.flinkopslab.platform.deployments;

import dev.flinkopslab.platform.users.UserRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** A deployment's jobs, savepoints and events: what the reconciler records, and what the API lists. */
@Repository
public class DeploymentHistory {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    public DeploymentHistory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private static OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }

    // --- jobs

    public DeploymentJob insertJob(long deployment, String flinkJobId, DeploymentSpec spec, String restoredFrom) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO deployment_job (deployment_id, flink_job_id, spec, restored_from, created_at)"
                        + " VALUES (:d, :job, :spec, :restore, :at)")
                .param("d", deployment).param("job", flinkJobId).param("spec", json.writeValueAsString(spec))
                .param("restore", restoredFrom).param("at", now()).update(keys, "id");
        return job(flinkJobId).orElseThrow();
    }

    /** Flink accepted the job; {@code webUiUrl} is its cluster's Web UI (and REST API), or null if not known. */
    public void jobStarted(String flinkJobId, String webUiUrl) {
        jdbc.sql("UPDATE deployment_job SET started_at = :at, web_ui_url = :url WHERE flink_job_id = :job AND started_at IS NULL")
                .param("at", now()).param("url", webUiUrl).param("job", flinkJobId).update();
    }

    /** Records how the job ended; a job that ended already keeps its first record. */
    public void jobEnded(String flinkJobId, JobStatus finalState) {
        jdbc.sql("UPDATE deployment_job SET ended_at = :at, final_state = :state WHERE flink_job_id = :job AND ended_at IS NULL")
                .param("at", now()).param("state", finalState == null ? null : finalState.name()).param("job", flinkJobId).update();
    }

    public Optional<DeploymentJob> job(String flinkJobId) {
        return jdbc.sql("SELECT * FROM deployment_job WHERE flink_job_id = :job").param("job", flinkJobId)
                .query(this::jobRow).optional();
    }

    public List<DeploymentJob> jobs(long deployment) {
        return jdbc.sql("SELECT * FROM deployment_job WHERE deployment_id = :d ORDER BY id DESC").param("d", deployment)
                .query(this::jobRow).list();
    }

    // --- savepoints

    public Savepoint insertSavepoint(long deployment, String flinkJobId, Savepoint.Origin origin, String triggerId) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO savepoint (deployment_id, flink_job_id, origin, trigger_id, state, created_at)"
                        + " VALUES (:d, :job, :origin, :trigger, 'PENDING', :at)")
                .param("d", deployment).param("job", flinkJobId).param("origin", origin.name()).param("trigger", triggerId)
                .param("at", now()).update(keys, "id");
        return savepoint(keys.getKeyAs(Long.class)).orElseThrow();
    }

    public void savepointCompleted(long id, String location) {
        jdbc.sql("UPDATE savepoint SET state = 'COMPLETED', location = :loc, completed_at = :at WHERE id = :id")
                .param("loc", location).param("at", now()).param("id", id).update();
    }

    public void savepointFailed(long id, String failure) {
        jdbc.sql("UPDATE savepoint SET state = 'FAILED', failure = :f, completed_at = :at WHERE id = :id")
                .param("f", clip(failure, 1000)).param("at", now()).param("id", id).update();
    }

    public Optional<Savepoint> savepoint(long id) {
        return jdbc.sql("SELECT * FROM savepoint WHERE id = :id").param("id", id).query(DeploymentHistory::savepoint).optional();
    }

    public List<Savepoint> savepoints(long deployment) {
        return jdbc.sql("SELECT * FROM savepoint WHERE deployment_id = :d ORDER BY id DESC").param("d", deployment)
                .query(DeploymentHistory::savepoint).list();
    }

    /**
     * The newest completed savepoint, retained checkpoints left out: what LATEST_SAVEPOINT restores from. A
     * DISPOSED one is not COMPLETED, so it is never restored from.
     */
    public Optional<Savepoint> latestCompletedSavepoint(long deployment) {
        return jdbc.sql("SELECT * FROM savepoint WHERE deployment_id = :d AND state = 'COMPLETED'"
                        + " AND origin <> 'RETAINED_CHECKPOINT' ORDER BY id DESC")
                .param("d", deployment).withMaxRows(1).query(DeploymentHistory::savepoint).optional();
    }

    /** The savepoint (or retained checkpoint) recorded at {@code location}, if there is one. */
    public Optional<Savepoint> savepointAt(long deployment, String location) {
        return jdbc.sql("SELECT * FROM savepoint WHERE deployment_id = :d AND location = :loc ORDER BY id DESC")
                .param("d", deployment).param("loc", location).withMaxRows(1).query(DeploymentHistory::savepoint).optional();
    }

    /** The completed savepoints retention looks at, newest first (retained checkpoints are Flink's to retain). */
    public List<Savepoint> completedSavepoints(long deployment) {
        return jdbc.sql("SELECT * FROM savepoint WHERE deployment_id = :d AND state = 'COMPLETED'"
                        + " AND origin <> 'RETAINED_CHECKPOINT' ORDER BY id DESC")
                .param("d", deployment).query(DeploymentHistory::savepoint).list();
    }

    /**
     * The oldest USER or PERIODIC savepoint still PENDING: one the reconciler triggers (if Flink never heard of it)
     * and polls. A suspend's or an upgrade's pending savepoint belongs to the status' intent instead.
     */
    public Optional<Savepoint> pendingSavepoint(long deployment) {
        return jdbc.sql("SELECT * FROM savepoint WHERE deployment_id = :d AND state = 'PENDING'"
                        + " AND origin IN ('USER', 'PERIODIC') ORDER BY id")
                .param("d", deployment).withMaxRows(1).query(DeploymentHistory::savepoint).optional();
    }

    /** When the job's newest savepoint was asked for, whatever its origin and outcome; empty if it has none. */
    public Optional<Instant> newestSavepointOf(String flinkJobId) {
        return jdbc.sql("SELECT created_at FROM savepoint WHERE flink_job_id = :job ORDER BY id DESC").param("job", flinkJobId)
                .withMaxRows(1).query((rs, row) -> UserRepository.instant(rs, "created_at")).optional();
    }

    /** Marks a COMPLETED savepoint DISPOSED; false if it is not COMPLETED (disposed already, by someone else). */
    public boolean savepointDisposed(long id) {
        return jdbc.sql("UPDATE savepoint SET state = 'DISPOSED', disposed_at = :at WHERE id = :id AND state = 'COMPLETED'")
                .param("at", now()).param("id", id).update() > 0;
    }

    /** A disposed savepoint whose files could not be removed (or were not found) says why, in its failure. */
    public void savepointFilesNotRemoved(long id, String why) {
        jdbc.sql("UPDATE savepoint SET failure = :f WHERE id = :id").param("f", clip(why, 1000)).param("id", id).update();
    }

    // --- events

    public void event(long deployment, DeploymentEvent.Type type, String flinkJobId, String message) {
        jdbc.sql("INSERT INTO deployment_event (deployment_id, occurred_at, type, flink_job_id, message)"
                        + " VALUES (:d, :at, :type, :job, :msg)")
                .param("d", deployment).param("at", now()).param("type", type.name()).param("job", flinkJobId)
                .param("msg", clip(message, 2000)).update();
    }

    /** How many events of {@code type} the deployment has for one job. */
    public int eventCount(long deployment, String flinkJobId, DeploymentEvent.Type type) {
        return jdbc.sql("SELECT COUNT(*) FROM deployment_event WHERE deployment_id = :d AND flink_job_id = :job AND type = :type")
                .param("d", deployment).param("job", flinkJobId).param("type", type.name()).query(Integer.class).single();
    }

    /** Newest first, at most {@code limit}. */
    public List<DeploymentEvent> events(long deployment, int limit) {
        return jdbc.sql("SELECT * FROM deployment_event WHERE deployment_id = :d ORDER BY id DESC").param("d", deployment)
                .withMaxRows(limit).query((rs, row) -> new DeploymentEvent(rs.getLong("id"), rs.getLong("deployment_id"),
                        UserRepository.instant(rs, "occurred_at"), DeploymentEvent.Type.valueOf(rs.getString("type")),
                        rs.getString("flink_job_id"), rs.getString("message"))).list();
    }

    private DeploymentJob jobRow(ResultSet rs, int row) throws SQLException {
        String state = rs.getString("final_state");
        return new DeploymentJob(rs.getLong("id"), rs.getLong("deployment_id"), rs.getString("flink_job_id"),
                json.readValue(rs.getString("spec"), DeploymentSpec.class), rs.getString("restored_from"),
                UserRepository.instant(rs, "created_at"), UserRepository.instant(rs, "started_at"),
                UserRepository.instant(rs, "ended_at"), state == null ? null : JobStatus.valueOf(state),
                rs.getString("web_ui_url"));
    }

    private static Savepoint savepoint(ResultSet rs, int row) throws SQLException {
        return new Savepoint(rs.getLong("id"), rs.getLong("deployment_id"), rs.getString("flink_job_id"),
                Savepoint.Origin.valueOf(rs.getString("origin")), rs.getString("trigger_id"),
                Savepoint.State.valueOf(rs.getString("state")), rs.getString("location"), rs.getString("failure"),
                UserRepository.instant(rs, "created_at"), UserRepository.instant(rs, "completed_at"),
                UserRepository.instant(rs, "disposed_at"));
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}

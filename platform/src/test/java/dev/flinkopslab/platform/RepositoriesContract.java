package dev.flinkopslab.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkopslab.platform.artifacts.Artifact;
import dev.flinkopslab.platform.artifacts.ArtifactRepository;
import dev.flinkopslab.platform.audit.AuditEvent;
import dev.flinkopslab.platform.audit.AuditLog;
import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentEvent;
import dev.flinkopslab.platform.deployments.DeploymentHistory;
import dev.flinkopslab.platform.deployments.DeploymentJob;
import dev.flinkopslab.platform.deployments.DeploymentRepository;
import dev.flinkopslab.platform.deployments.DeploymentSpec;
import dev.flinkopslab.platform.deployments.DeploymentState;
import dev.flinkopslab.platform.deployments.DesiredState;
import dev.flinkopslab.platform.deployments.Intent;
import dev.flinkopslab.platform.deployments.Metadata;
import dev.flinkopslab.platform.deployments.Savepoint;
import dev.flinkopslab.platform.deployments.TargetType;
import org.apache.flink.api.common.JobStatus;
import tools.jackson.databind.json.JsonMapper;
import dev.flinkopslab.platform.tokens.ApiToken;
import dev.flinkopslab.platform.tokens.TokenRepository;
import dev.flinkopslab.platform.users.PlatformUser;
import dev.flinkopslab.platform.users.Role;
import dev.flinkopslab.platform.users.UserRepository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The repositories' SQL against a real database, migrated by the real Flyway scripts: the same tests run on
 * H2 ({@link H2RepositoriesTest}) and on PostgreSQL ({@link PostgresRepositoriesTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RepositoriesContract {
    private UserRepository users;
    private TokenRepository tokens;
    private ArtifactRepository artifacts;
    private AuditLog audit;
    private JdbcClient jdbc;
    private DeploymentRepository deployments;
    private DeploymentHistory history;

    /** A fresh, empty database. */
    abstract DataSource dataSource() throws Exception;

    @BeforeAll
    void migrate() throws Exception {
        DataSource ds = dataSource();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(ds);
        users = new UserRepository(jdbc);
        tokens = new TokenRepository(jdbc);
        artifacts = new ArtifactRepository(jdbc);
        audit = new AuditLog(jdbc);
        JsonMapper json = JsonMapper.builder().build();
        deployments = new DeploymentRepository(jdbc, json);
        history = new DeploymentHistory(jdbc, json);
    }

    @Test
    void deploymentsWithTheirStatusJobsSavepointsAndEvents() {
        Artifact jar = artifacts.insert("default", "job.jar", 1, "c".repeat(64), "ann", Instant.now());
        DeploymentSpec spec = new DeploymentSpec(DesiredState.RUNNING, null, null, null,
                new DeploymentSpec.Template(jar.id(), "demo.Job", List.of("--rate", "5"), 2, Map.of("a", "b")),
                new DeploymentSpec.Target(TargetType.SESSION, "http://localhost:8081"), null, null, null, null);
        Deployment d = deployments.insert("default", new Metadata("orders", Map.of("team", "lab")), spec, "ann");
        assertThat(d.spec()).isEqualTo(spec);
        assertThat(d.status().state()).isEqualTo(DeploymentState.TRANSITIONING);
        assertThat(d.generation()).isEqualTo(1);
        assertThatThrownBy(() -> deployments.insert("default", new Metadata("orders", null), spec, "ann"))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(deployments.namesUsingArtifact("default", jar.id())).containsExactly("orders");

        String job = "0123456789abcdef0123456789abcdef";
        deployments.updateStatus(d.id(), d.status().withIntent(Intent.starting(job, null)).withJob(job, JobStatus.RUNNING));
        Deployment replaced = deployments.replace(d.id(), Map.of(), spec.withState(DesiredState.SUSPENDED));
        assertThat(replaced.generation()).isEqualTo(2);
        assertThat(replaced.status().intent()).isEqualTo(Intent.starting(job, null));
        assertThat(replaced.status().jobStatus()).isEqualTo(JobStatus.RUNNING);

        history.insertJob(d.id(), job, spec, null);
        history.jobStarted(job, "http://localhost:8081");
        history.jobEnded(job, JobStatus.FINISHED);
        history.jobEnded(job, JobStatus.FAILED); // the first end stays
        assertThat(history.jobs(d.id())).singleElement().satisfies(j -> {
            assertThat(j.spec()).isEqualTo(spec);
            assertThat(j.startedAt()).isNotNull();
            assertThat(j.finalState()).isEqualTo(JobStatus.FINISHED);
            assertThat(j.webUiUrl()).isEqualTo("http://localhost:8081");
        });
        Savepoint sp = history.insertSavepoint(d.id(), job, Savepoint.Origin.SUSPEND, "fedcba9876543210fedcba9876543210");
        assertThat(history.latestCompletedSavepoint(d.id())).isEmpty();
        history.savepointCompleted(sp.id(), "file:/tmp/sp-1");
        assertThat(history.latestCompletedSavepoint(d.id())).map(Savepoint::location).contains("file:/tmp/sp-1");
        history.event(d.id(), DeploymentEvent.Type.SAVEPOINT_COMPLETED, job, "savepoint at file:/tmp/sp-1");

        Savepoint periodic = history.insertSavepoint(d.id(), job, Savepoint.Origin.PERIODIC, "0123456789abcdef0123456789abcde1");
        assertThat(history.pendingSavepoint(d.id())).contains(periodic);
        assertThat(history.newestSavepointOf(job)).contains(periodic.createdAt());
        history.savepointCompleted(periodic.id(), "file:/tmp/sp-2");
        assertThat(history.pendingSavepoint(d.id())).isEmpty();
        assertThat(history.completedSavepoints(d.id())).extracting(Savepoint::id).containsExactly(periodic.id(), sp.id());
        assertThat(history.savepointDisposed(periodic.id())).isTrue();
        assertThat(history.savepointDisposed(periodic.id())).as("only a COMPLETED one").isFalse();
        assertThat(history.savepoint(periodic.id()).orElseThrow()).satisfies(p -> {
            assertThat(p.state()).isEqualTo(Savepoint.State.DISPOSED);
            assertThat(p.disposedAt()).isNotNull();
        });
        assertThat(history.latestCompletedSavepoint(d.id())).as("never restored from a disposed one").map(Savepoint::id)
                .contains(sp.id());
        Savepoint retained = history.insertSavepoint(d.id(), job, Savepoint.Origin.RETAINED_CHECKPOINT, "0123456789abcdef0123456789abcde2");
        assertThat(retained.origin()).isEqualTo(Savepoint.Origin.RETAINED_CHECKPOINT);
        assertThat(history.pendingSavepoint(d.id())).as("not one the reconciler triggers").isEmpty();
        assertThat(history.events(d.id(), 10)).extracting(DeploymentEvent::type).containsExactly(DeploymentEvent.Type.SAVEPOINT_COMPLETED);

        assertThat(deployments.delete(d.id())).isTrue();
        assertThat(history.jobs(d.id())).as("the history goes with the deployment").isEmpty();
        assertThat(history.savepoints(d.id())).isEmpty();
    }

    @Test
    void theFirstMigrationCreatesTheDefaultNamespace() {
        assertThat(users.namespaceExists("default")).isTrue();
        assertThat(users.namespaceExists("other")).isFalse();
    }

    @Test
    void usersWithARolePerNamespace() {
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long id = users.insert("ann", "{argon2}hash", created);
        users.bindRole(id, "default", Role.VIEWER);
        users.bindRole(id, "default", Role.EDITOR); // replaces

        PlatformUser ann = users.findByUsername("ann").orElseThrow();
        assertThat(ann.id()).isEqualTo(id);
        assertThat(ann.passwordHash()).isEqualTo("{argon2}hash");
        assertThat(users.roleIn(id, "default")).contains(Role.EDITOR);
        assertThat(users.roles(id)).isEqualTo(Map.of("default", Role.EDITOR));
        UserRepository.UserRecord record = users.record(id).orElseThrow();
        assertThat(record.createdAt()).isEqualTo(created);
        assertThat(users.list()).extracting(UserRepository.UserRecord::username).contains("ann");

        assertThatThrownBy(() -> users.insert("ann", "x", Instant.now())).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO role_binding (user_id, namespace, role) VALUES (:id, 'default', 'ROOT')")
                .param("id", users.insert("bob", "x", Instant.now())).update())
                .as("the role column takes only the three roles").isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> users.bindRole(id, "nowhere", Role.VIEWER))
                .as("a role only in an existing namespace").isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void tokensByTheirHashUntilRevoked() {
        long user = users.insert("tina", "x", Instant.now());
        String hash = "a".repeat(64);
        long id = tokens.insert(user, "ci", hash, Instant.now());

        assertThat(tokens.userOfActive(hash)).map(PlatformUser::username).contains("tina");
        tokens.touch(hash, Instant.now());
        assertThat(tokens.ofUser(user)).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("ci");
            assertThat(t.lastUsedAt()).isNotNull();
            assertThat(t.revokedAt()).isNull();
        });
        long other = users.insert("otto", "x", Instant.now());
        assertThat(tokens.revoke(other, id, Instant.now())).as("only its owner revokes it").isFalse();
        assertThat(tokens.revoke(user, id, Instant.now())).isTrue();
        assertThat(tokens.userOfActive(hash)).isEmpty();
        assertThat(tokens.ofUser(user)).extracting(ApiToken::revokedAt).doesNotContainNull();
        assertThatThrownBy(() -> tokens.insert(user, "again", hash, Instant.now())).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void artifactsPerNamespaceAndTheirContentCount() {
        String sha = "b".repeat(64);
        Artifact a = artifacts.insert("default", "job.jar", 1234, sha, "ann", Instant.now());
        Artifact b = artifacts.insert("default", "copy.jar", 1234, sha, "ann", Instant.now());
        assertThat(a.sha256()).isEqualTo(sha);
        assertThat(artifacts.find("default", a.id())).contains(a);
        assertThat(artifacts.find("other", a.id())).isEmpty();
        assertThat(artifacts.list("default")).extracting(Artifact::id).contains(a.id(), b.id());
        assertThat(artifacts.countWithSha256(sha)).isEqualTo(2);
        assertThat(artifacts.delete("default", a.id())).isTrue();
        assertThat(artifacts.delete("default", a.id())).isFalse();
        assertThat(artifacts.countWithSha256(sha)).isEqualTo(1);
        assertThatThrownBy(() -> artifacts.insert("nowhere", "x.jar", 1, sha, "ann", Instant.now()))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void auditEventsNewestFirstPerNamespace() {
        audit.record("ann", "artifact.uploaded", "default", "artifact", "1", "job.jar");
        audit.record("ann", "artifact.deleted", "default", "artifact", "1", null);
        audit.record("ann", "token.created", null, "token", "7", "ci");

        List<AuditEvent> events = audit.inNamespace("default", 2);
        assertThat(events).extracting(AuditEvent::action).containsExactly("artifact.deleted", "artifact.uploaded");
        assertThat(events.get(0).actor()).isEqualTo("ann");
        assertThat(events.get(0).occurredAt()).isNotNull();
        assertThat(audit.platformWide(10)).extracting(AuditEvent::action).contains("token.created");
        assertThat(audit.inNamespace("default", 100)).extracting(AuditEvent::namespace).containsOnly("default");
    }
}

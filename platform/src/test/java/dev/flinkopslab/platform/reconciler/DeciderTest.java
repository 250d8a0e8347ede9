package dev.flinkopslab.platform.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentSpec;
import dev.flinkopslab.platform.deployments.DeploymentState;
import dev.flinkopslab.platform.deployments.DeploymentStatus;
import dev.flinkopslab.platform.deployments.DesiredState;
import dev.flinkopslab.platform.deployments.Intent;
import dev.flinkopslab.platform.deployments.Metadata;
import dev.flinkopslab.platform.deployments.Savepoint;
import dev.flinkopslab.platform.deployments.SavepointSchedule;
import dev.flinkopslab.platform.deployments.TargetType;
import dev.flinkopslab.platform.deployments.UpgradeStrategy;
import dev.flinkopslab.platform.reconciler.Decision.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

/** The reconciler's rules, one by one, without Flink or a database. */
class DeciderTest {
    private static final String JOB = "0123456789abcdef0123456789abcdef";

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static DeploymentSpec spec(DesiredState state, UpgradeStrategy upgrade, int parallelism) {
        return spec(state, upgrade, parallelism, null);
    }

    private static DeploymentSpec spec(DesiredState state, UpgradeStrategy upgrade, int parallelism, SavepointSchedule savepoints) {
        return new DeploymentSpec(state, upgrade, null, null,
                new DeploymentSpec.Template(1L, "demo.Job", List.of(), parallelism, null),
                new DeploymentSpec.Target(TargetType.SESSION, "http://localhost:8081"), null, null, savepoints, null);
    }

    private static Savepoint savepoint(long id, Savepoint.State state, Instant at) {
        return new Savepoint(id, 1, JOB, Savepoint.Origin.USER, "fedcba9876543210fedcba987654321" + (id % 10), state,
                state == Savepoint.State.COMPLETED ? "file:/tmp/sp-" + id : null, null, at, at, null);
    }

    private static SavepointFacts pending(Savepoint sp) {
        return new SavepointFacts(sp, NOW.minusSeconds(5), NOW);
    }

    /** The job's newest savepoint (or its start) was {@code ago}. */
    private static SavepointFacts lastTaken(Duration ago) {
        return new SavepointFacts(null, NOW.minus(ago), NOW);
    }

    private static Deployment deployment(DeploymentSpec spec, DeploymentStatus status, long generation) {
        return new Deployment(1, "default", new Metadata("d", null), spec, status, generation, "ann", Instant.now(), Instant.now());
    }

    /** A job of {@code reconciled} runs; the spec now says {@code spec}. */
    private static Deployment running(DeploymentSpec reconciled, DeploymentSpec spec) {
        DeploymentStatus status = DeploymentStatus.initial().withJob(JOB, JobStatus.RUNNING).withReconciled(reconciled)
                .withState(DeploymentState.RUNNING).withObservedGeneration(1);
        return deployment(spec, status, 2);
    }

    private static Observation job(JobStatus status, boolean allTasksRunning) {
        return new Observation(JOB, status, allTasksRunning, false, null);
    }

    private static Observation unknownJob() {
        return new Observation(JOB, null, false, false, null);
    }

    private static Kind decide(Deployment d, Observation o) {
        return Decider.decide(d, o).kind();
    }

    @Test
    void aPersistedJobIdIsAdoptedWhenFlinkRunsItAndSubmittedWithTheSameIdWhenNot() {
        Deployment starting = deployment(spec(DesiredState.RUNNING, null, 1),
                DeploymentStatus.initial().withIntent(Intent.starting(JOB, null)), 1);
        assertThat(decide(starting, job(JobStatus.RUNNING, false))).isEqualTo(Kind.ADOPT);
        assertThat(decide(starting, unknownJob())).isEqualTo(Kind.SUBMIT);
    }

    @Test
    void aPersistedTriggerIsPolledAndAPersistedCancelWatched() {
        DeploymentStatus base = DeploymentStatus.initial().withJob(JOB, JobStatus.RUNNING);
        Deployment stopping = deployment(spec(DesiredState.SUSPENDED, null, 1),
                base.withIntent(Intent.stopping(JOB, "fedcba9876543210fedcba9876543210", 7, false)), 1);
        assertThat(decide(stopping, job(JobStatus.RUNNING, true))).isEqualTo(Kind.POLL_SAVEPOINT);
        Deployment cancelling = deployment(spec(DesiredState.CANCELLED, null, 1), base.withIntent(Intent.cancelling(JOB, false)), 1);
        assertThat(decide(cancelling, job(JobStatus.CANCELLING, false))).isEqualTo(Kind.POLL_CANCEL);
    }

    @Test
    void withoutAJobItStartsWhatShouldRunAndSettlesTheRest() {
        assertThat(decide(deployment(spec(DesiredState.RUNNING, null, 1), DeploymentStatus.initial(), 1), Observation.noJob()))
                .isEqualTo(Kind.START);
        assertThat(decide(deployment(spec(DesiredState.SUSPENDED, null, 1), DeploymentStatus.initial(), 1), Observation.noJob()))
                .isEqualTo(Kind.SETTLE);
        Deployment exhausted = deployment(spec(DesiredState.RUNNING, null, 1), DeploymentStatus.initial().withStuck(3L), 3);
        assertThat(decide(exhausted, Observation.noJob())).as("retries exhausted: nothing until the spec changes").isEqualTo(Kind.OBSERVE);
        Deployment changed = deployment(spec(DesiredState.RUNNING, null, 1), DeploymentStatus.initial().withStuck(3L), 4);
        assertThat(decide(changed, Observation.noJob())).isEqualTo(Kind.START);
    }

    @Test
    void aFailedOrVanishedJobIsRestartedWhileTheDeploymentShouldRun() {
        DeploymentSpec spec = spec(DesiredState.RUNNING, null, 1);
        assertThat(decide(running(spec, spec), job(JobStatus.FAILED, false))).isEqualTo(Kind.RESTART);
        assertThat(decide(running(spec, spec), unknownJob())).isEqualTo(Kind.RESTART);
        assertThat(decide(running(spec, spec.withState(DesiredState.CANCELLED)), job(JobStatus.FAILED, false))).isEqualTo(Kind.SETTLE);
    }

    @Test
    void aSpecChangeUpgradesAsItsStrategySays() {
        DeploymentSpec old = spec(DesiredState.RUNNING, UpgradeStrategy.STATEFUL, 2);
        assertThat(decide(running(old, spec(DesiredState.RUNNING, UpgradeStrategy.STATEFUL, 1)), job(JobStatus.RUNNING, true)))
                .isEqualTo(Kind.UPGRADE_STATEFUL);
        assertThat(decide(running(old, spec(DesiredState.RUNNING, UpgradeStrategy.STATEFUL, 1)), job(JobStatus.RUNNING, false)))
                .as("a savepoint waits until every task runs").isEqualTo(Kind.OBSERVE);
        assertThat(decide(running(old, spec(DesiredState.RUNNING, UpgradeStrategy.STATELESS, 1)), job(JobStatus.RUNNING, false)))
                .isEqualTo(Kind.UPGRADE_STATELESS);
        assertThat(decide(running(old, spec(DesiredState.RUNNING, UpgradeStrategy.NONE, 1)), job(JobStatus.RUNNING, true)))
                .isEqualTo(Kind.OBSERVE);
        assertThat(decide(running(old, old), job(JobStatus.RUNNING, true))).isEqualTo(Kind.OBSERVE);
        DeploymentSpec stuckUpgrade = spec(DesiredState.RUNNING, UpgradeStrategy.STATEFUL, 1);
        Deployment stuck = running(old, stuckUpgrade);
        stuck = deployment(stuckUpgrade, stuck.status().withStuck(2L), 2);
        assertThat(decide(stuck, job(JobStatus.RUNNING, true))).as("never a silent stateless start").isEqualTo(Kind.OBSERVE);
    }

    @Test
    void aStateChangeSuspendsOrCancelsAndAnUnreachableFlinkWaits() {
        DeploymentSpec spec = spec(DesiredState.RUNNING, null, 1);
        assertThat(decide(running(spec, spec.withState(DesiredState.SUSPENDED)), job(JobStatus.RUNNING, true))).isEqualTo(Kind.SUSPEND);
        assertThat(decide(running(spec, spec.withState(DesiredState.CANCELLED)), job(JobStatus.RUNNING, false))).isEqualTo(Kind.CANCEL);
        assertThat(decide(running(spec, spec), new Observation(JOB, null, false, true, "connection refused"))).isEqualTo(Kind.WAIT);
    }

    @Test
    void aPendingUserSavepointIsPolledFirstAndAnUpgradeOrSuspendWaitsForItButACancelDoesNot() {
        DeploymentSpec old = spec(DesiredState.RUNNING, UpgradeStrategy.STATEFUL, 2);
        SavepointFacts pending = pending(savepoint(7, Savepoint.State.PENDING, NOW.minusSeconds(5)));
        Deployment upgrade = running(old, spec(DesiredState.RUNNING, UpgradeStrategy.STATEFUL, 1));
        assertThat(Decider.decide(upgrade, job(JobStatus.RUNNING, true), pending).kind()).isEqualTo(Kind.POLL_PENDING_SAVEPOINT);
        assertThat(Decider.decide(upgrade, job(JobStatus.RUNNING, true), lastTaken(Duration.ZERO)).kind())
                .as("once it is done, the upgrade goes ahead").isEqualTo(Kind.UPGRADE_STATEFUL);
        assertThat(Decider.decide(running(old, old.withState(DesiredState.SUSPENDED)), job(JobStatus.RUNNING, true), pending)
                .kind()).isEqualTo(Kind.POLL_PENDING_SAVEPOINT);
        assertThat(Decider.decide(running(old, old), job(JobStatus.FAILED, false), pending).kind())
                .as("its outcome is recorded before the restart").isEqualTo(Kind.POLL_PENDING_SAVEPOINT);
        assertThat(Decider.decide(running(old, old.withState(DesiredState.CANCELLED)), job(JobStatus.RUNNING, true), pending)
                .kind()).isEqualTo(Kind.CANCEL);
        Deployment cancelled = deployment(old.withState(DesiredState.CANCELLED), DeploymentStatus.initial()
                .withState(DeploymentState.CANCELLED), 1);
        assertThat(Decider.decide(cancelled, Observation.noJob(), pending).kind())
                .as("after the cancel, its outcome is still recorded").isEqualTo(Kind.POLL_PENDING_SAVEPOINT);
        Deployment stopping = deployment(old.withState(DesiredState.SUSPENDED), DeploymentStatus.initial().withJob(JOB, JobStatus.RUNNING)
                .withIntent(Intent.stopping(JOB, "fedcba9876543210fedcba9876543210", 8, false)), 1);
        assertThat(Decider.decide(stopping, job(JobStatus.RUNNING, true), pending).kind())
                .as("an intent under way goes first").isEqualTo(Kind.POLL_SAVEPOINT);
    }

    @Test
    void aPeriodicSavepointWhenTheNewestIsAnIntervalOldAndEveryTaskRuns() {
        SavepointSchedule every10s = new SavepointSchedule("10s", 2, null);
        DeploymentSpec spec = spec(DesiredState.RUNNING, UpgradeStrategy.STATEFUL, 1, every10s);
        Deployment d = running(spec, spec);
        assertThat(Decider.decide(d, job(JobStatus.RUNNING, true), lastTaken(Duration.ofSeconds(10))).kind())
                .isEqualTo(Kind.PERIODIC_SAVEPOINT);
        assertThat(Decider.decide(d, job(JobStatus.RUNNING, true), lastTaken(Duration.ofSeconds(9))).kind()).isEqualTo(Kind.OBSERVE);
        assertThat(Decider.decide(d, job(JobStatus.RUNNING, false), lastTaken(Duration.ofMinutes(5))).kind())
                .as("not while a task is not running").isEqualTo(Kind.OBSERVE);
        assertThat(Decider.decide(d, job(JobStatus.RUNNING, true), new SavepointFacts(null, null, NOW)).kind())
                .as("no clock to measure from").isEqualTo(Kind.OBSERVE);
        DeploymentSpec unscheduled = spec(DesiredState.RUNNING, UpgradeStrategy.STATEFUL, 1, new SavepointSchedule(null, 2, "1h"));
        assertThat(Decider.decide(running(unscheduled, unscheduled), job(JobStatus.RUNNING, true), lastTaken(Duration.ofDays(1)))
                .kind()).as("no interval, no periodic savepoints").isEqualTo(Kind.OBSERVE);
        DeploymentSpec changed = spec(DesiredState.RUNNING, UpgradeStrategy.STATEFUL, 2, every10s);
        assertThat(Decider.decide(running(spec, changed), job(JobStatus.RUNNING, true), lastTaken(Duration.ofMinutes(5))).kind())
                .as("a changed spec goes first").isEqualTo(Kind.UPGRADE_STATEFUL);
        assertThat(Decider.decide(running(spec, spec.withState(DesiredState.SUSPENDED)), job(JobStatus.RUNNING, true),
                lastTaken(Duration.ofMinutes(5))).kind()).isEqualTo(Kind.SUSPEND);
        assertThat(Decider.decide(d, job(JobStatus.RUNNING, true), pending(savepoint(9, Savepoint.State.PENDING, NOW))).kind())
                .as("one at a time").isEqualTo(Kind.POLL_PENDING_SAVEPOINT);
    }

    @Test
    void retentionDisposesBeyondMaxCountAndOlderThanMaxAgeButNeverTheNewestCompleted() {
        List<Savepoint> completed = List.of(savepoint(4, Savepoint.State.COMPLETED, NOW.minusSeconds(60)),
                savepoint(3, Savepoint.State.COMPLETED, NOW.minusSeconds(120)),
                savepoint(2, Savepoint.State.COMPLETED, NOW.minusSeconds(7200)),
                savepoint(1, Savepoint.State.COMPLETED, NOW.minusSeconds(9000)));
        assertThat(Decider.expired(completed, new SavepointSchedule(null, 2, null), NOW))
                .extracting(e -> e.savepoint().id(), Decider.Expired::why)
                .containsExactly(tuple(2L, "beyond maxCount 2"),
                        tuple(1L, "beyond maxCount 2"));
        assertThat(Decider.expired(completed, new SavepointSchedule(null, null, "1h"), NOW))
                .extracting(e -> e.savepoint().id()).containsExactly(2L, 1L);
        assertThat(Decider.expired(completed, new SavepointSchedule(null, 3, "90s"), NOW))
                .extracting(e -> e.savepoint().id(), Decider.Expired::why)
                .containsExactly(tuple(3L, "older than maxAge 90s"),
                        tuple(2L, "older than maxAge 90s"),
                        tuple(1L, "beyond maxCount 3"));
        assertThat(Decider.expired(completed, new SavepointSchedule(null, 1, "1s"), NOW))
                .as("the newest completed stays, however old: it is the restore point").extracting(e -> e.savepoint().id())
                .containsExactly(3L, 2L, 1L);
        assertThat(Decider.expired(completed.subList(3, 4), new SavepointSchedule(null, 1, "1s"), NOW)).isEmpty();
        assertThat(Decider.expired(completed, new SavepointSchedule("1m", null, null), NOW)).isEmpty();
    }
}

package dev.flinkopslab.platform.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentSpec;
import dev.flinkopslab.platform.deployments.DeploymentState;
import dev.flinkopslab.platform.deployments.DeploymentStatus;
import dev.flinkopslab.platform.deployments.DesiredState;
import dev.flinkopslab.platform.deployments.Metadata;
import dev.flinkopslab.platform.deployments.TargetType;
import dev.flinkopslab.platform.reconciler.Decision.Kind;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

/** When the reconciler rolls a new spec back to the last stable one, and when it must not. */
class DeciderRollbackTest {
    private static final String JOB = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final SavepointFacts AT_NOW = new SavepointFacts(null, NOW.minusSeconds(60), NOW);
    private static final DeploymentSpec.Rollback TWO_MINUTES = new DeploymentSpec.Rollback("2m");

    private static DeploymentSpec spec(int parallelism, DeploymentSpec.Rollback rollback) {
        return new DeploymentSpec(DesiredState.RUNNING, null, null, null,
                new DeploymentSpec.Template(1L, "demo.Job", List.of(), parallelism, null),
                new DeploymentSpec.Target(TargetType.SESSION, "http://localhost:8081"), null, null, null, rollback);
    }

    private static final DeploymentSpec STABLE = spec(1, TWO_MINUTES);
    private static final DeploymentSpec NEW = spec(2, TWO_MINUTES);

    /** Generation 2 ({@code spec}) started a job whose readiness deadline is {@code deadline}; generation 1 was stable. */
    private static Deployment upgraded(DeploymentSpec spec, Instant deadline) {
        DeploymentStatus status = DeploymentStatus.initial().withJob(JOB, JobStatus.RUNNING).withReconciled(spec)
                .withStable(STABLE).withReadinessDeadline(deadline).withObservedGeneration(2);
        return deployment(spec, status);
    }

    private static Deployment deployment(DeploymentSpec spec, DeploymentStatus status) {
        return new Deployment(1, "default", new Metadata("d", null), spec, status, 2, "ann", NOW, NOW);
    }

    private static Observation job(JobStatus status, boolean allTasksRunning) {
        return new Observation(JOB, status, allTasksRunning, false, null);
    }

    private static Kind decide(Deployment d, Observation o) {
        return Decider.decide(d, o, AT_NOW).kind();
    }

    @Test
    void aJobWithoutEveryTaskRunningWhenTheWindowEndsIsRolledBack() {
        Deployment late = upgraded(NEW, NOW.minusSeconds(1));
        assertThat(decide(late, job(JobStatus.RUNNING, false))).isEqualTo(Kind.ROLLBACK);
        assertThat(decide(late, job(JobStatus.RESTARTING, false))).isEqualTo(Kind.ROLLBACK);
        assertThat(decide(late, job(JobStatus.FAILED, false))).as("a failed job past its window: no further restart")
                .isEqualTo(Kind.ROLLBACK);
        assertThat(Decider.decide(late, job(JobStatus.RUNNING, false), AT_NOW).reason()).contains("readiness window 2m");
    }

    @Test
    void withinTheWindowOrWithEveryTaskRunningNothingIsRolledBack() {
        assertThat(decide(upgraded(NEW, NOW.plusSeconds(30)), job(JobStatus.RUNNING, false))).isEqualTo(Kind.OBSERVE);
        assertThat(decide(upgraded(NEW, NOW.plusSeconds(30)), job(JobStatus.FAILED, false)))
                .as("within the window a failed job restarts as usual").isEqualTo(Kind.RESTART);
        assertThat(decide(upgraded(NEW, NOW.minusSeconds(1)), job(JobStatus.RUNNING, true))).isEqualTo(Kind.OBSERVE);
    }

    @Test
    void startAttemptsUsedUpRollBackAtOnce() {
        DeploymentStatus failed = upgraded(NEW, NOW.plusSeconds(30)).status().withJob(null, JobStatus.FAILED)
                .withState(DeploymentState.FAILED).withStuck(2L).withError("the job could not be started in 3 attempt(s): boom");
        Decision d = Decider.decide(deployment(NEW, failed), Observation.noJob(), AT_NOW);
        assertThat(d.kind()).isEqualTo(Kind.ROLLBACK);
        assertThat(d.reason()).contains("boom");
    }

    @Test
    void noRollbackWithoutAPolicyAStableSpecOrOnceDone() {
        DeploymentSpec noPolicy = spec(2, null);
        assertThat(decide(upgraded(noPolicy, NOW.minusSeconds(1)), job(JobStatus.RUNNING, false))).isEqualTo(Kind.OBSERVE);
        Deployment firstSpec = deployment(NEW, DeploymentStatus.initial().withJob(JOB, JobStatus.RUNNING).withReconciled(NEW)
                .withReadinessDeadline(NOW.minusSeconds(1)).withObservedGeneration(2));
        assertThat(decide(firstSpec, job(JobStatus.RUNNING, false))).as("nothing stable to go back to").isEqualTo(Kind.OBSERVE);
        Deployment done = deployment(NEW, upgraded(NEW, null).status().withReconciled(STABLE).withRolledBack(2L));
        assertThat(decide(done, job(JobStatus.RUNNING, true))).as("the rolled-back spec is not upgraded to again")
                .isEqualTo(Kind.OBSERVE);
        assertThat(decide(done, job(JobStatus.FAILED, false))).as("the stable job that fails restarts").isEqualTo(Kind.RESTART);
    }

    @Test
    void aStatefulUpgradeStuckOnItsSavepointIsNotRolledBackItsOldJobStillRuns() {
        DeploymentStatus stuck = DeploymentStatus.initial().withJob(JOB, JobStatus.RUNNING).withReconciled(STABLE)
                .withStable(STABLE).withState(DeploymentState.RUNNING).withStuck(2L).withObservedGeneration(2);
        assertThat(decide(deployment(NEW, stuck), job(JobStatus.RUNNING, true))).isEqualTo(Kind.OBSERVE);
    }
}

package dev.flinkopslab.platform.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentSpec;
import dev.flinkopslab.platform.deployments.DeploymentState;
import dev.flinkopslab.platform.deployments.DeploymentStatus;
import dev.flinkopslab.platform.deployments.DesiredState;
import dev.flinkopslab.platform.deployments.Intent;
import dev.flinkopslab.platform.deployments.Metadata;
import dev.flinkopslab.platform.deployments.TargetType;
import dev.flinkopslab.platform.deployments.UpgradeStrategy;
import dev.flinkopslab.platform.reconciler.Decision.Kind;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

/** The reconciler's rules, one by one, without Flink or a database. */
class DeciderTest {
    private static final String JOB = "0123456789abcdef0123456789abcdef";

    private static DeploymentSpec spec(DesiredState state, UpgradeStrategy upgrade, int parallelism) {
        return new DeploymentSpec(state, upgrade, null, null,
                new DeploymentSpec.Template(1L, "demo.Job", List.of(), parallelism, null),
                new DeploymentSpec.Target(TargetType.SESSION, "http://localhost:8081"), null, null, null);
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
}

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

/**
 * A job that ends by itself (FINISHED: its bounded input ran out) is not a failure: no restart, which would read
 * the input again from the newest savepoint and write its results a second time; the deployment stays FINISHED
 * until its spec changes.
 */
class DeciderBoundedJobTest {
    private static final String JOB = "0123456789abcdef0123456789abcdef";
    private static final DeploymentSpec RUNNING = new DeploymentSpec(DesiredState.RUNNING, null, null, null,
            new DeploymentSpec.Template(1L, "demo.Job", List.of(), 1, null),
            new DeploymentSpec.Target(TargetType.SESSION, "http://localhost:8081"), null, null, null, null);

    private static Deployment deployment(DeploymentSpec spec, DeploymentStatus status, long generation) {
        return new Deployment(1, "default", new Metadata("d", null), spec, status, generation, "ann", Instant.now(), Instant.now());
    }

    private static Kind decide(Deployment d, Observation o) {
        return Decider.decide(d, o).kind();
    }

    @Test
    void aFinishedJobSettlesWhereAFailedOneRestarts() {
        DeploymentStatus runs = DeploymentStatus.initial().withJob(JOB, JobStatus.RUNNING).withReconciled(RUNNING)
                .withState(DeploymentState.RUNNING).withObservedGeneration(1);
        Deployment d = deployment(RUNNING, runs, 1);
        assertThat(decide(d, new Observation(JOB, JobStatus.FINISHED, false, false, null))).isEqualTo(Kind.SETTLE);
        assertThat(decide(d, new Observation(JOB, JobStatus.FAILED, false, false, null))).isEqualTo(Kind.RESTART);
        assertThat(decide(d, new Observation(JOB, JobStatus.CANCELED, false, false, null)))
                .as("cancelled behind the platform's back: it should run, so it runs again").isEqualTo(Kind.RESTART);
    }

    @Test
    void aFinishedDeploymentStartsAgainOnlyWhenItsSpecChanges() {
        DeploymentStatus finished = DeploymentStatus.initial().withJob(null, JobStatus.FINISHED).withReconciled(RUNNING)
                .withState(DeploymentState.FINISHED).withObservedGeneration(2);
        assertThat(decide(deployment(RUNNING, finished, 2), Observation.noJob())).isEqualTo(Kind.OBSERVE);
        assertThat(decide(deployment(RUNNING, finished, 3), Observation.noJob())).as("a new generation").isEqualTo(Kind.START);
        DeploymentStatus failed = finished.withState(DeploymentState.FAILED);
        assertThat(decide(deployment(RUNNING, failed, 2), Observation.noJob()))
                .as("FAILED without exhausted retries (no stuck generation) still starts").isEqualTo(Kind.START);
    }
}

package dev.flinkopslab.platform.reconciler;

import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.platform.clusters.LocalClusters;
import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentHistory;
import dev.flinkopslab.platform.deployments.DeploymentSpec;
import dev.flinkopslab.platform.deployments.FlinkTargets;
import dev.flinkopslab.platform.deployments.TargetType;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The Flink cluster a deployment's job lives on: the target recorded with the job (its deployment_job row), not
 * the spec's — a spec that moves to another cluster must not make the old job look gone (and get a second one).
 * A SESSION job is at its target's REST URL; a LOCAL job at its own cluster's, once that cluster was started.
 */
@Component
public class JobTarget {
    private final DeploymentHistory history;
    private final FlinkTargets targets;
    private final LocalClusters clusters;

    public JobTarget(DeploymentHistory history, FlinkTargets targets, LocalClusters clusters) {
        this.history = history;
        this.targets = targets;
        this.clusters = clusters;
    }

    /** The job the intent names (while one is under way), else the current one; null without a job. */
    public static String jobOf(Deployment d) {
        return d.status().intent() != null ? d.status().intent().jobId() : d.status().jobId();
    }

    public FlinkJobs jobs(Deployment d) {
        return jobs(d, jobOf(d));
    }

    public FlinkJobs jobs(Deployment d, String job) {
        return targets.jobs(restUrl(d, job).orElseThrow(() -> new IllegalStateException(
                "job " + job + "'s cluster was never started")));
    }

    /** Where the job's REST API is; empty for a LOCAL job whose cluster was never started. */
    public Optional<String> restUrl(Deployment d, String job) {
        DeploymentSpec.Target target = target(d, job);
        return target.type() == TargetType.SESSION ? Optional.of(target.restUrl()) : clusters.restUrl(job);
    }

    /**
     * Whether the job's JobManager is there to ask: always for a SESSION cluster (one that does not answer is
     * unreachable, not gone); for a LOCAL job, while its JobManager process lives — with it dead the job is gone.
     */
    public boolean jobManagerAlive(Deployment d, String job) {
        return target(d, job).type() == TargetType.SESSION || clusters.jobManagerAlive(job);
    }

    public DeploymentSpec.Target target(Deployment d, String job) {
        return job == null ? d.spec().target()
                : history.job(job).map(j -> j.spec().target()).orElse(d.spec().target());
    }
}

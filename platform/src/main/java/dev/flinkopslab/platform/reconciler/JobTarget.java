package dev.flinkopslab.platform.reconciler;

import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentHistory;
import dev.flinkopslab.platform.deployments.DeploymentSpec;
import dev.flinkopslab.platform.deployments.FlinkTargets;
import org.springframework.stereotype.Component;

/**
 * The Flink cluster a deployment's job lives on: the target recorded with the job (its deployment_job row), not
 * the spec's — a spec that moves to another cluster must not make the old job look gone (and get a second one).
 */
@Component
public class JobTarget {
    private final DeploymentHistory history;
    private final FlinkTargets targets;

    public JobTarget(DeploymentHistory history, FlinkTargets targets) {
        this.history = history;
        this.targets = targets;
    }

    /** The job the intent names (while one is under way), else the current one; null without a job. */
    public static String jobOf(Deployment d) {
        return d.status().intent() != null ? d.status().intent().jobId() : d.status().jobId();
    }

    public FlinkJobs jobs(Deployment d) {
        return targets.jobs(target(d, jobOf(d)));
    }

    public FlinkJobs jobs(Deployment d, String job) {
        return targets.jobs(target(d, job));
    }

    private DeploymentSpec.Target target(Deployment d, String job) {
        return job == null ? d.spec().target()
                : history.job(job).map(j -> j.spec().target()).orElse(d.spec().target());
    }
}

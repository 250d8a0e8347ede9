package dev.flinkopslab.platform.page;

import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentEvent;
import dev.flinkopslab.platform.deployments.DeploymentHistory;
import dev.flinkopslab.platform.deployments.DeploymentJob;
import java.time.Duration;
import java.time.Instant;

/**
 * A deployment as the list shows it: desired and observed state, and its current job's parallelism, start, uptime
 * and restarts (the JOB_RESTARTED events the reconciler recorded from Flink's exception history).
 */
public record DeploymentRow(Deployment deployment, DeploymentJob job, int restarts, Instant now) {

    static DeploymentRow of(Deployment d, DeploymentHistory history, Instant now) {
        String jobId = d.status().jobId();
        DeploymentJob job = jobId == null ? null : history.job(jobId).orElse(null);
        int restarts = jobId == null ? 0 : history.eventCount(d.id(), jobId, DeploymentEvent.Type.JOB_RESTARTED);
        return new DeploymentRow(d, job, restarts, now);
    }

    /** The running job's parallelism, else the spec's. */
    public int parallelism() {
        return (job != null ? job.spec() : deployment.spec()).template().parallelism();
    }

    /** How long the current job runs, as 1h 02m 03s; empty when none runs. */
    public String uptime() {
        if (job == null || job.startedAt() == null || job.endedAt() != null) {
            return "";
        }
        Duration up = Duration.between(job.startedAt(), now);
        return up.toHours() > 0 ? "%dh %02dm %02ds".formatted(up.toHours(), up.toMinutesPart(), up.toSecondsPart())
                : up.toMinutes() > 0 ? "%dm %02ds".formatted(up.toMinutes(), up.toSecondsPart())
                : "%ds".formatted(up.toSeconds());
    }
}

package dev.flinkopslab.platform.deployments;

import java.time.Instant;
import org.apache.flink.api.common.JobStatus;

/**
 * One submission of a deployment to Flink, recorded before the submission (the job id is generated up front):
 * the spec it ran with, never changed afterwards, and how it ended.
 *
 * @param restoredFrom the savepoint it was started from, or null
 * @param createdAt when the submission was decided; @param startedAt when Flink accepted it (null until then)
 * @param finalState Flink's terminal status, once the job ended
 * @param webUiUrl the Flink Web UI of the cluster it ran on (a LOCAL job's own cluster is gone once the job ended)
 */
public record DeploymentJob(long id, long deploymentId, String flinkJobId, DeploymentSpec spec, String restoredFrom,
                            Instant createdAt, Instant startedAt, Instant endedAt, JobStatus finalState, String webUiUrl) {}

package dev.flinkopslab.platform.reconciler;

import dev.flinkopslab.flink.FlinkRestException;
import dev.flinkopslab.flink.JobFailure;
import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentEvent;
import dev.flinkopslab.platform.deployments.DeploymentHistory;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.springframework.stereotype.Component;

/**
 * The restarts Flink does by itself (its restart strategy), as events with their root cause: one JOB_RESTARTED
 * event per entry of the job's exception history, oldest first — what a learner would otherwise only find in the
 * Web UI's Exceptions tab. Counted against the events already written, so a restarted platform adds none twice;
 * Flink keeps the newest {@code web.exception-history-size} (16) failures, so a longer restart loop has that many.
 */
@Component
class RestartEvents {
    private final JobTarget targets;
    private final DeploymentHistory history;

    RestartEvents(JobTarget targets, DeploymentHistory history) {
        this.targets = targets;
        this.history = history;
    }

    void record(Deployment d, String job) {
        List<JobFailure> failures;
        try {
            failures = targets.jobs(d, job).failures(JobID.fromHexString(job));
        } catch (FlinkRestException e) {
            return; // read again next round
        }
        int recorded = history.eventCount(d.id(), job, DeploymentEvent.Type.JOB_RESTARTED);
        for (int i = failures.size() - 1 - recorded; i >= 0; i--) {
            JobFailure f = failures.get(i);
            history.event(d.id(), DeploymentEvent.Type.JOB_RESTARTED, job, "job " + job + " failed"
                    + (f.taskName() == null ? "" : " in " + f.taskName()) + " and restarts: " + f.describe());
        }
    }
}

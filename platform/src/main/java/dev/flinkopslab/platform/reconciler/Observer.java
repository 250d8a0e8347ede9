package dev.flinkopslab.platform.reconciler;

import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.flink.FlinkRestException;
import dev.flinkopslab.platform.deployments.Deployment;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.springframework.stereotype.Component;

/**
 * Reads what Flink reports about a deployment's job — the intent's job while one is under way, else the current
 * one. A job Flink does not know is gone; so is a LOCAL job whose own JobManager process is not alive.
 */
@Component
public class Observer {
    private final JobTarget targets;

    public Observer(JobTarget targets) {
        this.targets = targets;
    }

    public Observation observe(Deployment d) {
        String job = JobTarget.jobOf(d);
        if (job == null) {
            return Observation.noJob();
        }
        if (targets.restUrl(d, job).isEmpty() || !targets.jobManagerAlive(d, job)) {
            return Observation.gone(job); // a LOCAL job whose cluster never started, or whose JobManager died
        }
        FlinkJobs jobs = targets.jobs(d, job);
        JobID id = JobID.fromHexString(job);
        try {
            JobStatus status = statusOrNull(jobs, id);
            boolean tasks = status == JobStatus.RUNNING && jobs.tasks(id).allRunning();
            return new Observation(job, status, tasks, false, null);
        } catch (FlinkRestException e) {
            return new Observation(job, null, false, true, e.getMessage());
        }
    }

    /** Flink answers an unknown job id with 404 or 500 alike: then its job list says whether it knows the job. */
    private static JobStatus statusOrNull(FlinkJobs jobs, JobID id) throws FlinkRestException {
        try {
            return jobs.status(id);
        } catch (FlinkRestException e) {
            if (e.noAnswer() || e.status() < 0) {
                throw e;
            }
            if (!jobs.knows(id)) {
                return null;
            }
            throw e;
        }
    }
}

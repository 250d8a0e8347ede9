package dev.flinkopslab.platform.reconciler;

import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.flink.FlinkRestException;
import dev.flinkopslab.flink.SavepointOutcome;
import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.JobConfiguration;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.rest.messages.TriggerId;
import org.springframework.stereotype.Component;

/**
 * Flink's savepoint operations by (job, trigger id), for a stop-with-savepoint ({@link Stops}) and a savepoint
 * of a running job ({@link Savepoints}) alike: what Flink answered, sorted into what the caller does next.
 */
@Component
class SavepointCalls {
    private final JobTarget targets;
    private final JobConfiguration jobConfiguration;

    SavepointCalls(JobTarget targets, JobConfiguration jobConfiguration) {
        this.targets = targets;
        this.jobConfiguration = jobConfiguration;
    }

    /** @param detail COMPLETED: the location; FAILED: Flink's reason in one line; NO_ANSWER: why Flink was not read */
    record Answer(Kind kind, String detail) {
        enum Kind {
            /** the trigger reached Flink */
            ACCEPTED,
            IN_PROGRESS,
            COMPLETED,
            /** Flink refused the trigger, or the savepoint failed */
            FAILED,
            /** Flink does not know the trigger id: the crash came before the trigger reached it, or Flink forgot it */
            UNKNOWN,
            /** nothing answered, or the call broke off: try again next round */
            NO_ANSWER
        }
    }

    Answer poll(Deployment d, String job, String trigger) {
        Optional<SavepointOutcome> outcome;
        try {
            outcome = targets.jobs(d, job).savepoint(JobID.fromHexString(job), TriggerId.fromHexString(trigger));
        } catch (FlinkRestException e) {
            return noAnswer(e) ? new Answer(Answer.Kind.NO_ANSWER, e.getMessage()) : new Answer(Answer.Kind.UNKNOWN, null);
        }
        if (outcome.isEmpty()) {
            return new Answer(Answer.Kind.IN_PROGRESS, null);
        }
        SavepointOutcome o = outcome.get();
        return o.succeeded() ? new Answer(Answer.Kind.COMPLETED, o.location())
                : new Answer(Answer.Kind.FAILED, o.failure() + o.reason().map(r -> " (" + r + ")").orElse(""));
    }

    /**
     * A stop whose job has ended while Flink no longer knows the trigger (it forgets results after {@code
     * rest.async.store-duration}): COMPLETED with the savepoint the job ended with, FAILED when it ended without one.
     */
    Answer endedWith(Deployment d, String job) {
        try {
            return targets.jobs(d, job).finalSavepoint(JobID.fromHexString(job))
                    .map(location -> new Answer(Answer.Kind.COMPLETED, location))
                    .orElseGet(() -> new Answer(Answer.Kind.FAILED, "the job ended without a savepoint"));
        } catch (FlinkRestException e) {
            return new Answer(Answer.Kind.NO_ANSWER, e.getMessage());
        }
    }

    /** @param stop stop the job with the savepoint; else the job runs on */
    Answer trigger(Deployment d, String job, String trigger, boolean stop) {
        FlinkJobs jobs = targets.jobs(d, job);
        try {
            if (stop) {
                jobs.triggerStopWithSavepoint(JobID.fromHexString(job), directory(d), TriggerId.fromHexString(trigger));
            } else {
                jobs.triggerSavepoint(JobID.fromHexString(job), directory(d), TriggerId.fromHexString(trigger));
            }
            return new Answer(Answer.Kind.ACCEPTED, null);
        } catch (FlinkRestException e) {
            return noAnswer(e) ? new Answer(Answer.Kind.NO_ANSWER, e.getMessage())
                    : new Answer(Answer.Kind.FAILED, e.flinkError() != null ? e.flinkError() : e.getMessage());
        }
    }

    /** Where the job's savepoints go ({@link JobConfiguration#savepointDir}). */
    String directory(Deployment d) {
        return jobConfiguration.savepointDir(d, d.spec());
    }

    private static boolean noAnswer(FlinkRestException e) {
        return e.noAnswer() || e.status() < 0;
    }
}

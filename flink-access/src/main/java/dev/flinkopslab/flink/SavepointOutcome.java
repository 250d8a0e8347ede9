package dev.flinkopslab.flink;

import java.util.Optional;
import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.apache.flink.runtime.messages.FlinkJobNotFoundException;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointInfo;
import org.apache.flink.util.SerializedThrowable;

/**
 * How a savepoint (or stop-with-savepoint) ended, as Flink reports it: its location, or its failure — with
 * Flink's own {@link CheckpointFailureReason} when the failure was a checkpoint's, read from the exception
 * Flink serialized, not from its text.
 *
 * @param location where the savepoint is; null if it failed
 * @param failure the root cause in one line; null if it succeeded
 * @param reason why the checkpoint machinery refused or aborted it, when it says
 * @param jobGone the job ended (or was never there) before the savepoint could be taken
 */
public record SavepointOutcome(String location, String failure, Optional<CheckpointFailureReason> reason, boolean jobGone) {

    public boolean succeeded() {
        return failure == null;
    }

    static SavepointOutcome of(SavepointInfo info) {
        SerializedThrowable failure = info.getFailureCause();
        if (failure == null) {
            return new SavepointOutcome(info.getLocation(), null, Optional.empty(), false);
        }
        Throwable error = failure.deserializeError(SavepointOutcome.class.getClassLoader());
        Optional<CheckpointFailureReason> reason = Optional.empty();
        boolean jobGone = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CheckpointException c && reason.isEmpty()) {
                reason = Optional.of(c.getCheckpointFailureReason());
            }
            jobGone |= t instanceof FlinkJobNotFoundException;
        }
        return new SavepointOutcome(null, FlinkErrors.summary(failure.getFullStringifiedStackTrace()), reason, jobGone);
    }
}

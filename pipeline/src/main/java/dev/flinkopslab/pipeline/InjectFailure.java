package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.Measurement;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * A rehearsed failure: subtask 0 throws once, in the job's first attempt, after it has seen
 * {@code afterRecords} records and (with checkpointing on) a completed checkpoint, so the restart is a real
 * recovery from state. Later attempts pass everything through, which works the same on a real cluster.
 */
final class InjectFailure extends RichMapFunction<Measurement, Measurement> implements CheckpointListener {
    static final String MESSAGE = "Injected failure";

    private final long afterRecords;
    private final boolean waitForCheckpoint;
    private transient long seen;
    private transient boolean checkpointCompleted;

    InjectFailure(long afterRecords, boolean waitForCheckpoint) {
        this.afterRecords = afterRecords;
        this.waitForCheckpoint = waitForCheckpoint;
    }

    @Override
    public Measurement map(Measurement m) {
        seen++;
        boolean armed = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0
                && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
        if (armed && seen > afterRecords && (checkpointCompleted || !waitForCheckpoint)) {
            throw new IllegalStateException(MESSAGE + " after " + afterRecords + " records (first attempt only)");
        }
        return m;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointCompleted = true;
    }
}

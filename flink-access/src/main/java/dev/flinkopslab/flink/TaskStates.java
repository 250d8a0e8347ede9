package dev.flinkopslab.flink;

import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;

/**
 * How many of a job's tasks are in each {@link ExecutionState}, over all its vertices. A job whose status is
 * RUNNING may still be deploying or restarting tasks; what a savepoint or a measurement needs is every task
 * running (finished ones, e.g. a bounded source's, do not block checkpoints).
 */
public record TaskStates(int vertices, Map<ExecutionState, Integer> counts) {

    public static TaskStates of(JobDetailsInfo job) {
        Map<ExecutionState, Integer> counts = new EnumMap<>(ExecutionState.class);
        for (JobDetailsInfo.JobVertexDetailsInfo vertex : job.getJobVertexInfos()) {
            vertex.getTasksPerState().forEach((state, n) -> {
                if (n > 0) {
                    counts.merge(state, n, Integer::sum);
                }
            });
        }
        return new TaskStates(job.getJobVertexInfos().size(), counts);
    }

    /** Tasks per state, for those neither running nor finished. */
    public Map<ExecutionState, Integer> notRunning() {
        Map<ExecutionState, Integer> waiting = new EnumMap<>(ExecutionState.class);
        counts.forEach((state, n) -> {
            if (state != ExecutionState.RUNNING && state != ExecutionState.FINISHED) {
                waiting.put(state, n);
            }
        });
        return waiting;
    }

    /** The job has tasks, and each is running or finished. */
    public boolean allRunning() {
        return vertices > 0 && counts.getOrDefault(ExecutionState.RUNNING, 0) > 0 && notRunning().isEmpty();
    }
}

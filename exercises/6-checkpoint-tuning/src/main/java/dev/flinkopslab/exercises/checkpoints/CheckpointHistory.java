package dev.flinkopslab.exercises.checkpoints;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.check.CheckRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics;

/**
 * A job's checkpoints as the REST API reports them ({@code /jobs/:id/checkpoints}), collected while the job
 * runs: the API keeps only the latest few in its history, so reading it often enough keeps every checkpoint.
 */
@DoNotChangeThis("the check measures through it")
final class CheckpointHistory {
    /** One checkpoint as last seen; {@code triggeredAt} in seconds since the check started. */
    record Checkpoint(long id, CheckpointStatsStatus status, double triggeredAt, long stateSize, long checkpointedSize,
                      long durationMs) {
        boolean completed() {
            return status == CheckpointStatsStatus.COMPLETED;
        }

        boolean ended() {
            return status.isCompleted() || status.isFailed();
        }
    }

    private final Map<Long, Checkpoint> byId = new TreeMap<>();

    /** Reads the history now and keeps what it says about each checkpoint. */
    void read(CheckRun run) throws Exception {
        double now = run.secondsSinceStart();
        long nowMs = System.currentTimeMillis();
        for (CheckpointStatistics c : run.flink().checkpoints(run.job()).getHistory()) {
            double triggeredAt = now - (nowMs - c.getTriggerTimestamp()) / 1000.0;
            byId.put(c.getId(), new Checkpoint(c.getId(), c.getStatus(), triggeredAt, c.getStateSize(),
                    c.getCheckpointedSize(), c.getDuration()));
        }
    }

    /**
     * Checkpoints that started and failed (expired, declined ...). Unlike the REST counts' {@code failed}, this
     * leaves out triggers refused while the job's tasks were still starting, which are no checkpoint's fault.
     */
    long failed() {
        return byId.values().stream().filter(c -> c.status.isFailed()).count();
    }

    List<Checkpoint> completed() {
        return byId.values().stream().filter(Checkpoint::completed).toList();
    }

    /**
     * State size of the last completed checkpoint over that of an early one: the first triggered at least
     * {@code warmUpSeconds} after the first completed checkpoint (by then every task runs and a healthy job's
     * state has filled up).
     */
    double sizeGrowth(double warmUpSeconds) {
        List<Checkpoint> completed = completed();
        if (completed.isEmpty()) {
            return Double.NaN;
        }
        double warmedUp = completed.get(0).triggeredAt + warmUpSeconds;
        Checkpoint early = completed.stream().filter(c -> c.triggeredAt >= warmedUp).findFirst().orElse(null);
        if (early == null || completed.get(completed.size() - 1) == early || early.stateSize == 0) {
            return Double.NaN;
        }
        return (double) completed.get(completed.size() - 1).stateSize / early.stateSize;
    }

    /** The 90th percentile of end-to-end durations of checkpoints that ended, completed or failed. */
    double durationP90Millis() {
        List<Long> durations = new ArrayList<>();
        byId.values().stream().filter(Checkpoint::ended).forEach(c -> durations.add(c.durationMs));
        if (durations.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = durations.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[(int) Math.ceil(0.9 * sorted.length) - 1];
    }

    /** One line for the progress output: counts, then each ended checkpoint as id:duration/size. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(completed().size() + " completed, " + failed() + " failed");
        String sep = "; ";
        for (Checkpoint c : byId.values()) {
            if (c.ended()) {
                line.append(sep).append('#').append(c.id).append(' ')
                        .append(c.completed() ? c.durationMs + " ms " + (c.stateSize + 512) / 1024 + " KB" : "FAILED");
                sep = ", ";
            }
        }
        return line.toString();
    }
}

package dev.flinkopslab.exercises.checkpoints.solution;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * Exercise 6, solved (checkpoints under back pressure). An aligned checkpoint barrier queues behind every
 * buffer of records already in flight; when a slow step back-pressures the job, those buffers drain at the
 * slow step's pace, so the barrier takes seconds to arrive and the checkpoint times out — raising the timeout
 * only makes checkpoints slower. An unaligned barrier overtakes the in-flight buffers and stores them as part
 * of the checkpoint instead, so the checkpoint no longer waits for the back-pressured data. Buffer
 * debloating keeps the in-flight data to about {@code BUFFER_DEBLOAT_TARGET} worth of processing, which keeps
 * those stored buffers (and any aligned phase) small.
 */
public final class CheckpointSettingsSolution {
    private CheckpointSettingsSolution() {}

    public static void apply(Configuration conf) {
        // The state is a few seconds of readings: the heap backend fits (see the README for RocksDB).
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofSeconds(3));
        conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, Integer.MAX_VALUE);
        // Barriers overtake in-flight data (needs exactly-once checkpoints, which this job has).
        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
        // Size network buffers to ~200 ms of what the consumer processes, not a fixed 32 KiB each.
        conf.set(TaskManagerOptions.BUFFER_DEBLOAT_ENABLED, true);
        conf.set(TaskManagerOptions.BUFFER_DEBLOAT_TARGET, Duration.ofMillis(200));
    }
}

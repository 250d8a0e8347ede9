package dev.flinkopslab.ops.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link LocalCluster#status} observed: which of the cluster's processes are alive, and what its JobManager
 * reports when its REST API answers. Facts only; the CLI words them.
 *
 * @param workDir   the work dir whose pid files were read
 * @param restUrl   where the cluster's REST API (and Web UI) is
 * @param processes the live processes of this cluster, TaskManagers first; empty when none runs
 * @param overview  what the JobManager reports; empty when no process runs or the REST API does not answer
 */
public record ClusterStatus(Path workDir, String restUrl, List<RunningProcess> processes, Optional<Overview> overview) {

    public ClusterStatus {
        processes = List.copyOf(processes);
    }

    /** One live JVM of the cluster: {@code jobmanager} or {@code taskmanager-<i>}, with its pid. */
    public record RunningProcess(String name, long pid) {}

    /**
     * The JobManager's {@code /overview}.
     *
     * @param jobsRunningOrPending jobs not yet ended (Flink counts running and pending ones together)
     */
    public record Overview(int taskManagers, int slotsTotal, int slotsFree, int jobsRunningOrPending) {}

    /** Any process of this cluster is alive. */
    public boolean running() {
        return !processes.isEmpty();
    }

    /** The REST API answered. */
    public boolean restAnswers() {
        return overview.isPresent();
    }
}

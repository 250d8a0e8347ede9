package dev.flinkopslab.ops.cluster;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The local standalone cluster, in one typed place. Defaults:
 *
 * <ul>
 *   <li>{@code taskManagers} 2, {@code slotsPerTaskManager} 2 — four slots, the pipeline's default parallelism;
 *   <li>{@code jobManagerMemory} 1024m, {@code taskManagerMemory} 1280m — Flink's process sizes, small enough
 *       for 2 cores and a laptop;
 *   <li>{@code restPort} 8081 (Web UI and REST), {@code rpcPort} 6123 (the JobManager's RPC, Flink's default);
 *   <li>{@code workDir} {@code .lab/cluster} under the project root (system property {@code lab.home}): conf/,
 *       log/, pids/, checkpoints/, savepoints/;
 *   <li>{@code heartbeatTimeout} 10 s — how soon a silent TaskManager counts as lost (Flink's default is 50 s;
 *       a killed TaskManager is usually noticed sooner, by its closed connections);
 *   <li>the cluster's default parallelism is all its slots (taskManagers × slotsPerTaskManager);
 *   <li>{@code startTimeout} 90 s — how long start waits for all TaskManagers to register.
 * </ul>
 *
 * @param classpath the Flink runtime jars the processes run on (runtimes/flink-cluster/target/flink-cluster.classpath)
 */
public record ClusterConfig(int taskManagers, int slotsPerTaskManager, String jobManagerMemory,
                            String taskManagerMemory, int restPort, int rpcPort, Path workDir, String classpath,
                            Duration heartbeatTimeout, Duration startTimeout) {

    public static final int DEFAULT_REST_PORT = 8081;

    public ClusterConfig {
        require(taskManagers >= 1, "--taskmanagers must be at least 1 (got " + taskManagers + ")");
        require(slotsPerTaskManager >= 1, "--slots must be at least 1 (got " + slotsPerTaskManager + ")");
        require(memory(jobManagerMemory), "--jm-memory must be a size like 1024m or 1g (got '" + jobManagerMemory + "')");
        require(memory(taskManagerMemory), "--tm-memory must be a size like 1280m or 2g (got '" + taskManagerMemory + "')");
        require(restPort >= 1 && restPort <= 65535, "--rest-port must be within 1..65535 (got " + restPort + ")");
        require(rpcPort >= 1 && rpcPort <= 65535, "--rpc-port must be within 1..65535 (got " + rpcPort + ")");
        require(workDir != null, "the cluster needs a work directory");
        require(classpath != null && !classpath.isBlank(), "the cluster needs the Flink classpath");
    }

    /** The defaults, with the work dir under {@code labHome} and the runtime jars from {@code classpath}. */
    public static ClusterConfig defaults(Path labHome, String classpath) {
        return new ClusterConfig(2, 2, "1024m", "1280m", DEFAULT_REST_PORT, 6123,
                labHome.resolve(".lab").resolve("cluster"), classpath, Duration.ofSeconds(10), Duration.ofSeconds(90));
    }

    public ClusterConfig withTaskManagers(int n, int slots) {
        return new ClusterConfig(n, slots, jobManagerMemory, taskManagerMemory, restPort, rpcPort, workDir, classpath,
                heartbeatTimeout, startTimeout);
    }

    public ClusterConfig withMemory(String jm, String tm) {
        return new ClusterConfig(taskManagers, slotsPerTaskManager, jm, tm, restPort, rpcPort, workDir, classpath,
                heartbeatTimeout, startTimeout);
    }

    public ClusterConfig withPorts(int rest, int rpc) {
        return new ClusterConfig(taskManagers, slotsPerTaskManager, jobManagerMemory, taskManagerMemory, rest, rpc,
                workDir, classpath, heartbeatTimeout, startTimeout);
    }

    public ClusterConfig withWorkDir(Path dir) {
        return new ClusterConfig(taskManagers, slotsPerTaskManager, jobManagerMemory, taskManagerMemory, restPort,
                rpcPort, dir, classpath, heartbeatTimeout, startTimeout);
    }

    public String restUrl() {
        return "http://localhost:" + restPort;
    }

    public Path confDir() {
        return workDir.resolve("conf");
    }

    public Path logDir() {
        return workDir.resolve("log");
    }

    public Path pidDir() {
        return workDir.resolve("pids");
    }

    private static boolean memory(String s) {
        return s != null && s.matches("\\d+(m|g|mb|gb)");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

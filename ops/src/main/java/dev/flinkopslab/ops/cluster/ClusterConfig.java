package dev.flinkopslab.ops.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
 * @param flinkConfiguration more Flink options for config.yaml, after the cluster's own (so they win); none by default
 * @param application the one job an application cluster runs; null: a session cluster (jobs are submitted to it)
 */
public record ClusterConfig(int taskManagers, int slotsPerTaskManager, String jobManagerMemory,
                            String taskManagerMemory, int restPort, int rpcPort, Path workDir, String classpath,
                            Duration heartbeatTimeout, Duration startTimeout, Map<String, String> flinkConfiguration,
                            Application application) {

    /**
     * The job of an application-mode cluster ({@code StandaloneApplicationClusterEntryPoint}): its JAR goes to the
     * cluster's {@code usrlib/}, the JobManager runs its main with a fixed job id.
     *
     * @param savepointPath the savepoint or retained checkpoint to start from; null: empty state
     */
    public record Application(Path userJar, String entryClass, String jobId, List<String> programArgs,
                              String savepointPath, boolean allowNonRestoredState) {
        public Application {
            require(userJar != null, "an application cluster needs the job's JAR");
            require(entryClass != null && !entryClass.isBlank(), "an application cluster needs the job's entry class");
            require(jobId != null && jobId.matches("[0-9a-f]{32}"), "the job id must be 32 hex digits (got '" + jobId + "')");
            programArgs = programArgs == null ? List.of() : List.copyOf(programArgs);
        }
    }

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
        flinkConfiguration = flinkConfiguration == null ? Map.of() : Map.copyOf(flinkConfiguration);
    }

    /** The defaults, with the work dir under {@code labHome} and the runtime jars from {@code classpath}. */
    public static ClusterConfig defaults(Path labHome, String classpath) {
        return new ClusterConfig(2, 2, "1024m", "1280m", DEFAULT_REST_PORT, 6123,
                labHome.resolve(".lab").resolve("cluster"), classpath, Duration.ofSeconds(10), Duration.ofSeconds(90), Map.of(), null);
    }

    public ClusterConfig withTaskManagers(int n, int slots) {
        return new ClusterConfig(n, slots, jobManagerMemory, taskManagerMemory, restPort, rpcPort, workDir, classpath,
                heartbeatTimeout, startTimeout, flinkConfiguration, application);
    }

    public ClusterConfig withMemory(String jm, String tm) {
        return new ClusterConfig(taskManagers, slotsPerTaskManager, jm, tm, restPort, rpcPort, workDir, classpath,
                heartbeatTimeout, startTimeout, flinkConfiguration, application);
    }

    public ClusterConfig withPorts(int rest, int rpc) {
        return new ClusterConfig(taskManagers, slotsPerTaskManager, jobManagerMemory, taskManagerMemory, rest, rpc,
                workDir, classpath, heartbeatTimeout, startTimeout, flinkConfiguration, application);
    }

    public ClusterConfig withWorkDir(Path dir) {
        return new ClusterConfig(taskManagers, slotsPerTaskManager, jobManagerMemory, taskManagerMemory, restPort,
                rpcPort, dir, classpath, heartbeatTimeout, startTimeout, flinkConfiguration, application);
    }

    public ClusterConfig withFlinkConfiguration(Map<String, String> options) {
        return new ClusterConfig(taskManagers, slotsPerTaskManager, jobManagerMemory, taskManagerMemory, restPort,
                rpcPort, workDir, classpath, heartbeatTimeout, startTimeout, options, application);
    }

    public ClusterConfig withStartTimeout(Duration timeout) {
        return new ClusterConfig(taskManagers, slotsPerTaskManager, jobManagerMemory, taskManagerMemory, restPort,
                rpcPort, workDir, classpath, heartbeatTimeout, timeout, flinkConfiguration, application);
    }

    public ClusterConfig withApplication(Application job) {
        return new ClusterConfig(taskManagers, slotsPerTaskManager, jobManagerMemory, taskManagerMemory, restPort,
                rpcPort, workDir, classpath, heartbeatTimeout, startTimeout, flinkConfiguration, job);
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

    /** What Flink takes as {@code FLINK_LIB_DIR}: its parent holds {@code usrlib/}, an application cluster's job JAR. */
    public Path libDir() {
        return workDir.resolve("lib");
    }

    public Path userLibDir() {
        return workDir.resolve("usrlib");
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

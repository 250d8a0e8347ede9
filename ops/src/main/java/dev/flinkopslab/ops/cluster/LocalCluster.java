package dev.flinkopslab.ops.cluster;

import dev.flinkopslab.flink.FlinkCluster;
import dev.flinkopslab.ops.OwnProcesses;
import dev.flinkopslab.ops.jobs.OpsException;
import dev.flinkopslab.ops.jobs.RestApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;

/**
 * A real Flink standalone cluster on this machine: one JobManager JVM and N TaskManager JVMs
 * ({@code TaskManagerRunner}), run from the Maven-resolved Flink jars. A session cluster
 * ({@code StandaloneSessionClusterEntrypoint}) takes jobs submitted to it; an application cluster
 * ({@code StandaloneApplicationClusterEntryPoint}, when the config names an {@link ClusterConfig.Application}) runs
 * the one job whose JAR it was started with. Each process has a pid file and a log under the work dir; {@link #stop} ends exactly
 * those processes and nothing else. It observes ({@link #status}) and acts (start, stop, faults); what a user
 * reads about it, hints included, is the CLI's. Its failures say what is wrong, not which command fixes it.
 */
public final class LocalCluster {
    private static final String JM_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String APPLICATION_JM_MAIN = "org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint";
    private static final String TM_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final ClusterConfig config;
    private final Consumer<String> progress;
    private final RestApi rest;

    /** @param progress receives one line per step (start waits for registration and says how far it got) */
    public LocalCluster(ClusterConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
        this.rest = new RestApi(config.restUrl());
    }

    /** A cluster as last started in {@code base}'s work dir (its ports and sizes), for stop, status and faults. */
    public static LocalCluster existing(ClusterConfig base, Consumer<String> progress) {
        return new LocalCluster(ClusterFiles.lastStarted(base), progress);
    }

    public String webUiUrl() {
        return config.restUrl();
    }

    /**
     * Starts the JobManager and the TaskManagers and waits until every TaskManager has registered. Refuses
     * while processes of this work dir run; a taken port is an {@link OwnProcesses.PortInUseException}.
     */
    public void start() {
        List<FlinkProcess> running = running();
        if (!running.isEmpty()) {
            throw new OpsException("a cluster is already running from " + config.workDir() + " (" + describe(running) + ")");
        }
        OwnProcesses.requireFree(config.restPort(), "REST port");
        OwnProcesses.requireFree(config.rpcPort(), "JobManager RPC port");
        ClusterFiles.writeConf(config);
        ResourceParams jm = ResourceParams.jobManager(config);
        ResourceParams tm = ResourceParams.taskManager(config);
        tm.save(config.confDir().resolve("tm-resources.txt"));
        progress.accept("starting the JobManager (log: " + config.logDir().resolve(FlinkProcess.JOB_MANAGER + ".log") + ")");
        if (config.application() == null) {
            FlinkProcess.launch(config, FlinkProcess.JOB_MANAGER, JM_MAIN, jm.jvmFlags(), jm.dynamicProperties());
        } else {
            FlinkProcess.launch(config, FlinkProcess.JOB_MANAGER, APPLICATION_JM_MAIN, jm.jvmFlags(),
                    applicationArguments(jm, config.application()));
        }
        try {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= config.taskManagers(); i++) {
                names.add(launchTaskManager(i, tm));
            }
            awaitTaskManagers(names);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * The application entry point's arguments: the job (class, fixed id, restore path) as its options, the
     * program's own arguments after {@code --}, so none of them can be taken for an option of Flink's.
     */
    private List<String> applicationArguments(ResourceParams jm, ClusterConfig.Application job) {
        try {
            Files.createDirectories(config.userLibDir());
            Path jar = config.userLibDir().resolve("job.jar");
            Files.copy(job.userJar(), jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the job's JAR into " + config.userLibDir(), e);
        }
        List<String> args = new ArrayList<>(jm.dynamicProperties());
        args.addAll(List.of("--job-classname", job.entryClass(), "--job-id", job.jobId()));
        if (job.savepointPath() != null) {
            args.addAll(List.of("--fromSavepoint", job.savepointPath()));
            if (job.allowNonRestoredState()) {
                args.add("--allowNonRestoredState");
            }
        }
        args.add("--");
        args.addAll(job.programArgs());
        return args;
    }

    /** Starts one more TaskManager with the next free index; waits until it has registered. */
    public int addTaskManager() {
        if (jobManager().isEmpty()) {
            throw notRunning();
        }
        int index = lastTaskManagerIndex() + 1;
        awaitTaskManagers(List.of(launchTaskManager(index, ResourceParams.load(config.confDir().resolve("tm-resources.txt")))));
        return index;
    }

    /**
     * {@code kill -9} of one TaskManager: the one with {@code index}, or (null) the first one alive. Returns the
     * index killed. No shutdown, no goodbye to the JobManager: a crash, as the fault tests and exercises want.
     */
    public int killTaskManager(Integer index) {
        List<FlinkProcess> alive = running().stream().filter(FlinkProcess::isTaskManager).toList();
        if (alive.isEmpty()) {
            throw jobManager().isEmpty() ? notRunning() : new OpsException("no TaskManager of this cluster is running");
        }
        FlinkProcess victim = index == null ? alive.get(0) : alive.stream().filter(p -> p.index() == index).findFirst()
                .orElseThrow(() -> new OpsException("no running TaskManager with index " + index + "; running: "
                        + alive.stream().map(p -> String.valueOf(p.index())).toList()));
        ProcessHandle h = victim.handle().orElseThrow(() -> new OpsException(victim.name() + " ended meanwhile"));
        h.destroyForcibly();
        await(() -> !h.isAlive(), Duration.ofSeconds(10), victim.name() + " did not die after kill -9");
        deleteQuietly(victim.pidFile());
        progress.accept("killed " + victim.name() + " (pid " + h.pid() + ") with SIGKILL");
        return victim.index();
    }

    /** Ends the processes this cluster started (SIGTERM, then SIGKILL after 30 s); returns how many there were. */
    public int stop() {
        List<ProcessHandle> handles = new ArrayList<>();
        for (FlinkProcess p : processFiles()) {
            p.handle().ifPresent(h -> {
                progress.accept("stopping " + p.name() + " (pid " + h.pid() + ")");
                handles.add(h);
            });
        }
        try {
            OwnProcesses.stop(handles, STOP_TIMEOUT)
                    .forEach(pid -> progress.accept("pid " + pid + " did not end within " + STOP_TIMEOUT.toSeconds() + " s; killed it"));
        } catch (IllegalStateException e) {
            throw new OpsException("some cluster processes did not end: " + e.getMessage());
        }
        processFiles().forEach(p -> deleteQuietly(p.pidFile()));
        return handles.size();
    }

    /**
     * What runs: this work dir's live processes by pid, and what the JobManager reports (TaskManagers, slots,
     * jobs) if its REST API answers. With no process alive the REST API is not asked: whatever answers on the
     * port is not this cluster.
     */
    public ClusterStatus status() {
        List<ClusterStatus.RunningProcess> processes = new ArrayList<>();
        for (FlinkProcess p : processFiles()) {
            p.handle().ifPresent(h -> processes.add(new ClusterStatus.RunningProcess(p.name(), h.pid())));
        }
        Optional<ClusterStatus.Overview> overview = Optional.empty();
        if (!processes.isEmpty()) {
            try {
                ClusterOverviewWithVersion o = rest.cluster(FlinkCluster::overview);
                overview = Optional.of(new ClusterStatus.Overview(o.getNumTaskManagersConnected(), o.getNumSlotsTotal(),
                        o.getNumSlotsAvailable(), o.getNumJobsRunningOrPending()));
            } catch (OpsException e) {
                // the JobManager is starting, or hangs: its processes are listed, its figures are not known
            }
        }
        return new ClusterStatus(config.workDir(), config.restUrl(), processes, overview);
    }

    /** Whether this work dir's JobManager process is alive (its REST API may still be starting, or hang). */
    public boolean jobManagerAlive() {
        return jobManager().isPresent();
    }

    /** Whether any process of this work dir is alive (a TaskManager outlives a JobManager killed under it). */
    public boolean anyProcessAlive() {
        return !running().isEmpty();
    }

    /** TaskManagers registered with the JobManager, as its REST API reports them. */
    public int registeredTaskManagers() {
        return rest.cluster(FlinkCluster::taskManagerIds).size();
    }

    /** Starts TaskManager {@code index}; its Flink resource id is its name, so its registration can be seen. */
    private String launchTaskManager(int index, ResourceParams tm) {
        String name = FlinkProcess.TASK_MANAGER_PREFIX + index;
        progress.accept("starting " + name + " (log: " + config.logDir().resolve(name + ".log") + ")");
        List<String> args = new ArrayList<>(tm.dynamicProperties());
        args.addAll(List.of("-D", "taskmanager.resource-id=" + name));
        FlinkProcess.launch(config, name, TM_MAIN, tm.jvmFlags(), args);
        return name;
    }

    /** Waits until the JobManager lists every TaskManager named; fails early when one of the processes died. */
    private void awaitTaskManagers(List<String> names) {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            for (FlinkProcess p : processFiles()) {
                if ((names.contains(p.name()) || !p.isTaskManager()) && p.handle().isEmpty()) {
                    throw new OpsException(p.name() + " exited during start; see "
                            + config.logDir().resolve(p.name() + ".log") + " and " + config.logDir().resolve(p.name() + ".out"));
                }
            }
            Set<String> registered = registeredIds(rest);
            int count = (int) names.stream().filter(registered::contains).count();
            if (count != last) {
                progress.accept("TaskManagers registered: " + count + "/" + names.size());
                last = count;
            }
            if (count == names.size()) {
                return;
            }
            pause(250);
        }
        throw new OpsException("only " + Math.max(last, 0) + " of " + names.size() + " TaskManagers registered within "
                + config.startTimeout().toSeconds() + " s; see the logs in " + config.logDir());
    }

    private static Set<String> registeredIds(RestApi rest) {
        try {
            return new HashSet<>(rest.cluster(FlinkCluster::taskManagerIds));
        } catch (OpsException e) {
            return Set.of(); // the JobManager's REST endpoint is not up yet
        }
    }

    private Optional<FlinkProcess> jobManager() {
        return running().stream().filter(p -> !p.isTaskManager()).findFirst();
    }

    private List<FlinkProcess> running() {
        return processFiles().stream().filter(p -> p.handle().isPresent()).toList();
    }

    /** The highest index any TaskManager of this cluster had, killed ones included: names are never reused. */
    private int lastTaskManagerIndex() {
        try (Stream<Path> logs = Files.list(config.logDir())) {
            return logs.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches(FlinkProcess.TASK_MANAGER_PREFIX + "\\d+\\.out"))
                    .mapToInt(n -> Integer.parseInt(n.substring(FlinkProcess.TASK_MANAGER_PREFIX.length(), n.length() - 4)))
                    .max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every process with a pid file, TaskManagers first (they stop before their JobManager). */
    private List<FlinkProcess> processFiles() {
        if (!Files.isDirectory(config.pidDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(config.pidDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pid"))
                    .map(f -> new FlinkProcess(f.getFileName().toString().replace(".pid", ""), f, config.confDir()))
                    .sorted(Comparator.comparing((FlinkProcess p) -> !p.isTaskManager()).thenComparing(FlinkProcess::index))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OpsException notRunning() {
        return new OpsException("no cluster is running from " + config.workDir(), true);
    }

    private static String describe(List<FlinkProcess> ps) {
        return String.join(", ", ps.stream().map(p -> p.name() + " pid " + p.handle().map(ProcessHandle::pid).orElse(-1L)).toList());
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout, String failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new OpsException(failure);
            }
            pause(50);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted");
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stale pid file is ignored: handle() checks the process behind it
        }
    }
}

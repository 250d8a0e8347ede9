package dev.flinkopslab.cli;

import dev.flinkopslab.ops.OwnProcesses.PortInUseException;
import dev.flinkopslab.ops.cluster.ClusterConfig;
import dev.flinkopslab.ops.cluster.ClusterStatus;
import dev.flinkopslab.ops.cluster.LocalCluster;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lab cluster start|stop|status|kill-taskmanager|add-taskmanager}: a real Flink standalone session cluster
 * on this machine (separate JobManager and TaskManager JVMs), with its files under .lab/cluster.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "A real Flink standalone cluster on this machine: start, stop, status, and faults.",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class, ClusterCommand.Status.class,
                ClusterCommand.KillTaskManager.class, ClusterCommand.AddTaskManager.class})
final class ClusterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ExitCodes.usage(spec.commandLine(),
                "missing command: start, stop, status, kill-taskmanager or add-taskmanager");
    }

    private static LocalCluster existing(CommandSpec spec) {
        return LocalCluster.existing(OpsSupport.defaultCluster(), OpsSupport.progressLines(spec));
    }

    /** The cluster last started here, refused in one line with how to start one when none of it runs. */
    private static LocalCluster running(CommandSpec spec) {
        LocalCluster cluster = existing(spec);
        ClusterStatus status = cluster.status();
        if (!status.running()) {
            throw new LabException(notRunning(status));
        }
        return cluster;
    }

    static String notRunning(ClusterStatus s) {
        return "no cluster is running from " + s.workDir() + "; " + OpsSupport.CLUSTER_START_HINT;
    }

    /** What {@code lab cluster status} prints: a headline with what the JobManager reports, then a line a process. */
    static List<String> statusLines(ClusterStatus s) {
        List<String> lines = new ArrayList<>();
        if (!s.running()) {
            lines.add(notRunning(s));
            return lines;
        }
        lines.add(s.overview().map(o -> "cluster at " + s.restUrl() + ": " + o.taskManagers() + " TaskManagers, "
                        + o.slotsTotal() + " slots (" + o.slotsFree() + " free), " + o.jobsRunningOrPending() + " jobs running")
                .orElse("cluster processes are running, but the REST API at " + s.restUrl() + " does not answer yet"));
        for (ClusterStatus.RunningProcess p : s.processes()) {
            lines.add(String.format("  %-16s pid %d", p.name(), p.pid()));
        }
        return lines;
    }

    @Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Start one JobManager and N TaskManagers; wait until all TaskManagers have registered.")
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--taskmanagers", defaultValue = "2", paramLabel = "<n>",
                description = "TaskManager processes (default: ${DEFAULT-VALUE}).")
        int taskManagers;

        @Option(names = "--slots", defaultValue = "2", paramLabel = "<n>",
                description = "Task slots per TaskManager (default: ${DEFAULT-VALUE}).")
        int slots;

        @Option(names = "--jm-memory", defaultValue = "1024m", paramLabel = "<size>",
                description = "JobManager process memory (default: ${DEFAULT-VALUE}).")
        String jmMemory;

        @Option(names = "--tm-memory", defaultValue = "1280m", paramLabel = "<size>",
                description = "Process memory of each TaskManager (default: ${DEFAULT-VALUE}).")
        String tmMemory;

        @Option(names = "--rest-port", defaultValue = "8081", paramLabel = "<port>",
                description = "Port of the Web UI and REST API (default: ${DEFAULT-VALUE}).")
        int restPort;

        @Option(names = "--rpc-port", defaultValue = "6123", paramLabel = "<port>",
                description = "The JobManager's RPC port (default: ${DEFAULT-VALUE}).")
        int rpcPort;

        @Override
        public Integer call() throws Exception {
            ClusterConfig config = OpsSupport.defaultCluster().withTaskManagers(taskManagers, slots)
                    .withMemory(jmMemory, tmMemory).withPorts(restPort, rpcPort);
            LocalCluster cluster = new LocalCluster(config, OpsSupport.progressLines(spec));
            ClusterStatus before = cluster.status();
            if (before.running()) {
                throw new LabException("a cluster is already running from " + before.workDir() + " ("
                        + String.join(", ", before.processes().stream().map(p -> p.name() + " pid " + p.pid()).toList())
                        + "); " + OpsSupport.CLUSTER_STOP_HINT);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("lab cluster start: 1 JobManager + " + taskManagers + " TaskManagers × " + slots
                    + " slots, files in " + config.workDir());
            out.flush();
            try {
                cluster.start();
            } catch (PortInUseException e) {
                throw OpsSupport.portInUse(e, "another Flink", e.port() == restPort ? "--rest-port" : "--rpc-port");
            }
            out.println("lab cluster start: running; Web UI " + cluster.webUiUrl() + " — stop it with './lab cluster stop'");
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop exactly the processes 'lab cluster start' started (by their pid files).")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            int stopped = existing(spec).stop();
            spec.commandLine().getOut().println(stopped == 0 ? "lab cluster stop: no cluster was running"
                    : "lab cluster stop: stopped " + stopped + " processes");
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "The cluster's processes and what the JobManager reports (TaskManagers, slots, jobs).")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            statusLines(existing(spec).status()).forEach(spec.commandLine().getOut()::println);
            return ExitCodes.OK;
        }
    }

    @Command(name = "kill-taskmanager", mixinStandardHelpOptions = true,
            description = "kill -9 one TaskManager (a crash, not a shutdown): the fault the exercises recover from.")
    static final class KillTaskManager implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--index", paramLabel = "<i>",
                description = "Which TaskManager (see 'lab cluster status'; default: the first one running).")
        Integer index;

        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = running(spec);
            if (cluster.status().processes().stream().noneMatch(p -> p.name().startsWith("taskmanager-"))) {
                throw new LabException("no TaskManager of this cluster is running; add one with './lab cluster add-taskmanager'");
            }
            cluster.killTaskManager(index);
            return ExitCodes.OK;
        }
    }

    @Command(name = "add-taskmanager", mixinStandardHelpOptions = true,
            description = "Start one more TaskManager (e.g. to replace a killed one); waits until it has registered.")
    static final class AddTaskManager implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            int index = running(spec).addTaskManager();
            spec.commandLine().getOut().println("lab cluster add-taskmanager: taskmanager-" + index + " registered");
            return ExitCodes.OK;
        }
    }
}

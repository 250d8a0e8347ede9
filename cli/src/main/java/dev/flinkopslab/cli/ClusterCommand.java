package dev.flinkopslab.cli;

import dev.flinkopslab.ops.cluster.ClusterConfig;
import dev.flinkopslab.ops.cluster.LocalCluster;
import java.io.PrintWriter;
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
            PrintWriter out = spec.commandLine().getOut();
            out.println("lab cluster start: 1 JobManager + " + taskManagers + " TaskManagers × " + slots
                    + " slots, files in " + config.workDir());
            out.flush();
            LocalCluster cluster = new LocalCluster(config, OpsSupport.progressLines(spec));
            cluster.start();
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
            existing(spec).status().forEach(spec.commandLine().getOut()::println);
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
            existing(spec).killTaskManager(index);
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
            int index = existing(spec).addTaskManager();
            spec.commandLine().getOut().println("lab cluster add-taskmanager: taskmanager-" + index + " registered");
            return ExitCodes.OK;
        }
    }
}

package dev.flinkopslab.cli;

import dev.flinkopslab.pipeline.options.Target;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.flink.runtime.util.EnvironmentInformation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code lab} command line: run the measurement pipeline with its Web UI, or benchmark it. */
@Command(name = "lab", mixinStandardHelpOptions = true, versionProvider = Lab.Version.class,
        description = "Run and measure the flink-ops-lab measurement pipeline on an embedded Flink or a local cluster.",
        subcommands = {RunCommand.class, BenchCommand.class, ExercisesCommand.class, ExerciseCommand.class,
                CheckCommand.class, CapacityCommand.class, ClusterCommand.class, SubmitCommand.class,
                JobCommands.Jobs.class, JobCommands.Cancel.class, JobCommands.Savepoint.class, JobCommands.Stop.class,
                KafkaCommand.class, ProduceCommand.class, PlatformCommand.class})
public final class Lab implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line and returns its exit code; main and the tests both come through here. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Lab());
        // Registered after the subcommands exist, so picocli passes it down to capacity.
        cl.registerConverter(CapacityCommand.Job.class, new DashedEnumConverter<>(CapacityCommand.Job.class));
        // 'lab submit --job-name x ...': what submit does not know goes to the job, which rejects what it does not know.
        cl.getSubcommands().get("submit").setUnmatchedOptionsArePositionalParams(true);
        // The job's options' help, from their ConfigOptions; the restart default is where the job runs.
        cl.getSubcommands().get("run").getCommandSpec().resourceBundle(new JobOptionHelp(Target.EMBEDDED));
        cl.getSubcommands().get("submit").getCommandSpec().resourceBundle(new JobOptionHelp(Target.CLUSTER, "parallelism"));
        cl.getSubcommands().get("produce").getCommandSpec().resourceBundle(new JobOptionHelp(Target.EMBEDDED));
        return cl.setOut(out).setErr(err)
                .setParameterExceptionHandler(ExitCodes.PARAMETERS)
                .setExecutionExceptionHandler(ExitCodes.EXECUTION);
    }

    /** {@code lab} alone is a usage error: say so in one line rather than dumping the help. */
    @Override
    public Integer call() {
        return ExitCodes.usage(spec.commandLine(), "missing command: run, bench, exercises, exercise run, check, capacity, cluster, submit, jobs, cancel, savepoint, stop, kafka, produce or platform");
    }

    static String flinkVersion() {
        return EnvironmentInformation.getVersion();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String lab = Lab.class.getPackage().getImplementationVersion();
            return new String[] {"lab " + (lab == null ? "0.1.0-SNAPSHOT" : lab) + " (Flink " + flinkVersion() + ")"};
        }
    }
}

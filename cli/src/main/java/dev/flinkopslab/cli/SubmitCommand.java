package dev.flinkopslab.cli;

import dev.flinkopslab.ops.jobs.JobsClient;
import dev.flinkopslab.ops.jobs.JobsClient.Submission;
import dev.flinkopslab.pipeline.MeasurementJob;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lab submit}: uploads the job JAR to a running cluster and runs it over Flink's REST API, then prints the
 * job id, its Web UI page and the job graph as Flink built it (tasks, chained operators, parallelism).
 */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Submit the measurement job (or another JAR) to a running Flink cluster.",
        footer = {"The job's options are lab run's, with the cluster's restart default. lab submit",
                "passes them to the job, with any option it does not know and all after '--':",
                "  lab submit -p 4 --source kafka --sink file --output-dir out --job-name nightly",
                "A relative --output-dir is taken from the current directory."})
final class SubmitCommand implements Callable<Integer> {
    static final String DEFAULT_ENTRY_CLASS = "dev.flinkopslab.pipeline.MeasurementJob";

    @Spec
    CommandSpec spec;

    @Mixin
    OpsSupport.RestUrl rest;

    @Option(names = "--jar", paramLabel = "<file>",
            description = "The job JAR (default: pipeline/target/flink-ops-lab-job.jar, built by ./lab).")
    Path jar;

    @Option(names = "--entry-class", defaultValue = DEFAULT_ENTRY_CLASS, paramLabel = "<class>",
            description = "The job's main class (default: ${DEFAULT-VALUE}).")
    String entryClass;

    @Option(names = {"-p", "--parallelism"}, paramLabel = "<n>",
            description = "Default parallelism of the job (default: the cluster's, or the job's --parallelism).")
    Integer parallelism;

    @Option(names = "--savepoint", paramLabel = "<path>",
            description = "Start from this savepoint (as printed by 'lab savepoint' or 'lab stop --savepoint').")
    String savepoint;

    @Mixin
    JobMixins.Generator generator;

    @Mixin
    JobMixins.Pipeline pipeline;

    @Mixin
    JobMixins.Kafka kafka;

    @Mixin
    JobMixins.Checkpointing checkpointing;

    @Parameters(paramLabel = "<program args>", description = "More arguments for the job's main (MeasurementJob: named like lab run's options).")
    List<String> programArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (parallelism != null && parallelism < 1) {
            return ExitCodes.usage(spec.commandLine(), "--parallelism must be at least 1 (got " + parallelism + ")");
        }
        Path jobJar = jar != null ? jar : OpsSupport.labHome().resolve("pipeline/target/flink-ops-lab-job.jar");
        if (!Files.isRegularFile(jobJar)) {
            throw new LabException("job JAR not found: " + jobJar + (jar != null ? ""
                    : "; build it with ./lab (it builds on first use) or 'mvn -q -B package -DskipTests'"));
        }
        JobsClient jobs = new JobsClient(rest.url);
        List<String> args = new ArrayList<>(JobArgs.given(spec, "--parallelism")); // -p: the submission's
        args.addAll(programArgs);
        args = withAbsoluteOutputDir(args);
        if (entryClass.equals(DEFAULT_ENTRY_CLASS)) {
            // Our job's arguments are checked here, before the upload, and so is the Kafka they name.
            KafkaCommand.requireKafkaFor(MeasurementJob.config(args.toArray(String[]::new), 1));
        }
        String jobId = jobs.submit(new Submission(jobJar, entryClass, args, parallelism, savepoint));
        PrintWriter out = spec.commandLine().getOut();
        out.println("lab submit: job " + jobId + " submitted");
        out.println("  Web UI  " + jobs.rest().baseUrl() + "/#/job/running/" + jobId + "/overview");
        OpsSupport.printJobGraph(jobs, jobId, out);
        return ExitCodes.OK;
    }

    /**
     * The job's file sink writes from the TaskManagers, whose working directory is wherever the cluster was
     * started: a relative --output-dir is made absolute here, against the directory the user is in.
     */
    static List<String> withAbsoluteOutputDir(List<String> programArgs) {
        List<String> args = new ArrayList<>(programArgs);
        int i = args.indexOf("--output-dir");
        if (i >= 0 && i + 1 < args.size()) {
            args.set(i + 1, Path.of(args.get(i + 1)).toAbsolutePath().normalize().toString());
        }
        return args;
    }
}

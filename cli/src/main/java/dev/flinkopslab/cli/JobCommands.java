package dev.flinkopslab.cli;

import dev.flinkopslab.ops.jobs.JobsClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lab jobs}, {@code lab cancel}, {@code lab savepoint}, {@code lab stop}: jobs on a running cluster. */
final class JobCommands {
    private JobCommands() {}

    @Command(name = "jobs", mixinStandardHelpOptions = true, description = "List the cluster's jobs.")
    static final class Jobs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        OpsSupport.RestUrl rest;

        @Override
        public Integer call() throws Exception {
            List<JobsClient.JobSummary> jobs = new JobsClient(rest.url).jobs();
            PrintWriter out = spec.commandLine().getOut();
            if (jobs.isEmpty()) {
                out.println("no jobs on " + rest.url);
            }
            for (JobsClient.JobSummary j : jobs) {
                out.printf("%s  %-10s %-30s started %s, %d s%n", j.id(), j.state(), j.name(),
                        Instant.ofEpochMilli(j.startTime()), j.durationMs() / 1000);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a job (no savepoint).")
    static final class Cancel implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        OpsSupport.RestUrl rest;

        @Parameters(paramLabel = "<jobId>", description = "The job (see 'lab jobs').")
        String jobId;

        @Override
        public Integer call() throws Exception {
            new JobsClient(rest.url).cancel(jobId);
            spec.commandLine().getOut().println("lab cancel: cancelling job " + jobId);
            return ExitCodes.OK;
        }
    }

    @Command(name = "savepoint", mixinStandardHelpOptions = true,
            description = "Take a savepoint of a running job, once all its tasks run (waits up to 90 s); prints its path (for 'lab submit --savepoint').")
    static final class Savepoint implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        OpsSupport.RestUrl rest;

        @Parameters(paramLabel = "<jobId>", description = "The job (see 'lab jobs').")
        String jobId;

        @Mixin
        SavepointDir target;

        @Override
        public Integer call() throws Exception {
            String path = new JobsClient(rest.url).savepoint(jobId, target.dir, OpsSupport.progressLines(spec));
            spec.commandLine().getOut().println("lab savepoint: " + path);
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop a job gracefully with a final savepoint; prints its path.")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        OpsSupport.RestUrl rest;

        @Parameters(paramLabel = "<jobId>", description = "The job (see 'lab jobs').")
        String jobId;

        @Option(names = "--savepoint", required = true,
                description = "Take a final savepoint (required: to end a job without one, use 'lab cancel').")
        boolean savepoint;

        @Mixin
        SavepointDir target;

        @Override
        public Integer call() throws Exception {
            if (!savepoint) {
                throw new ParameterException(spec.commandLine(), "stop always takes a savepoint; to end a job without one, use 'lab cancel'");
            }
            String path = new JobsClient(rest.url).stopWithSavepoint(jobId, target.dir, OpsSupport.progressLines(spec));
            spec.commandLine().getOut().println("lab stop: job " + jobId + " stopped; savepoint " + path);
            return ExitCodes.OK;
        }
    }

    /** {@code --dir} of {@code savepoint} and {@code stop}. */
    static final class SavepointDir {
        @Option(names = "--dir", paramLabel = "<dir>",
                description = "Where to write it (default: the cluster's savepoint dir, .lab/cluster/savepoints).")
        String dir;
    }
}

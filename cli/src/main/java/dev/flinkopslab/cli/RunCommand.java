package dev.flinkopslab.cli;

import dev.flinkopslab.flink.FlinkErrors;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.pipeline.PipelineConfig.CheckpointMode;
import dev.flinkopslab.pipeline.PipelineConfig.SinkKind;
import dev.flinkopslab.pipeline.PipelineConfig.SourceKind;
import dev.flinkopslab.pipeline.PipelineSinks;
import dev.flinkopslab.pipeline.options.Target;
import dev.flinkopslab.ops.jobs.JobsClient;
import dev.flinkopslab.source.GeneratorConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lab run}: the pipeline on an embedded Flink with its Web UI. Window results print to the terminal,
 * Flink's own logs go to a file. Ends by itself (bounded), after --duration, or on Ctrl-C.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the measurement pipeline on an embedded Flink with the Web UI.")
final class RunCommand implements Callable<Integer> {
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Mixin
    JobMixins.Generator generator;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "Run this long, then cancel, e.g. 30s, 5m, 1h (default: until Ctrl-C).")
    Duration duration;

    /** The job's option (its help from JobOptionHelp), declared here because lab submit's -p is the submission's. */
    @Option(names = {"-p", "--parallelism"}, paramLabel = "<n>")
    String parallelism;

    @Mixin
    JobMixins.Pipeline pipeline;

    @Mixin
    JobMixins.Kafka kafka;

    @Mixin
    JobMixins.Checkpointing checkpointing;

    @Mixin
    JobMixins.WebUiPort webUi;

    @Override
    public Integer call() throws Exception {
        PipelineConfig cfg = config();
        checkPort(spec, webUi.port);
        KafkaCommand.requireKafkaFor(cfg);
        PrintWriter out = spec.commandLine().getOut();
        printHeader(out, cfg);
        return runWithWebUi(cfg, PipelineParts.REFERENCE, webUi.port, duration, out);
    }

    /** One clear line when the port is out of range or taken, before anything starts. */
    static void checkPort(CommandSpec spec, int port) {
        if (port < 1 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be within 1..65535 (got " + port + ")");
        }
        if (!EmbeddedFlink.portFree(port)) {
            throw new LabException("port " + port + " is already in use (another Flink or lab?). "
                    + "Choose another with --port, e.g. --port " + (port == 65535 ? 8082 : port + 1) + ".");
        }
    }

    /**
     * Runs the pipeline with {@code parts} on an embedded Flink with the Web UI on {@code port}, until the input
     * ends, {@code duration} passes (null: no limit) or Ctrl-C; prints one summary line.
     */
    static int runWithWebUi(PipelineConfig cfg, PipelineParts parts, int port, Duration duration, PrintWriter out)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(
                EmbeddedFlink.configuration(cfg, parts, port));
        PipelineSinks.attach(MeasurementPipeline.build(env, cfg, parts), cfg);
        long started = System.nanoTime();
        JobClient job = env.executeAsync(cfg.jobName);
        return new Supervisor(job, started, out).await(duration, () -> OpsSupport.printJobGraph(new JobsClient(EmbeddedFlink.url(port)), job.getJobID().toHexString(), out));
    }

    /**
     * The job's options as given → the pipeline's typed config, parsed as MeasurementJob parses its program
     * arguments; a bad value is an IllegalArgumentException naming the option (→ exit 2).
     */
    PipelineConfig config() {
        if (duration != null && duration.isZero()) {
            throw new ParameterException(spec.commandLine(), "--duration must be positive (got 0)");
        }
        return PipelineConfig.from(JobArgs.parse(spec), Target.EMBEDDED);
    }

    private void printHeader(PrintWriter out, PipelineConfig cfg) {
        String checkpoints = cfg.checkpointing == CheckpointMode.NONE ? "none"
                : DashedEnumConverter.name(cfg.checkpointing) + " every " + DurationConverter.format(cfg.checkpointInterval);
        GeneratorConfig g = cfg.generator;
        String input = (g.eventsPerSecond() == 0 ? "as fast as possible" : g.eventsPerSecond() + " events/s")
                + (g.bounded() ? ", " + g.maxRecords() + " records" : ", unbounded");
        String until = g.bounded() ? "until the input ends" : duration != null ? "for " + DurationConverter.format(duration) : "until Ctrl-C";
        out.println("lab run: measurement pipeline on an embedded Flink " + Lab.flinkVersion() + ", " + until);
        out.println("  Web UI         " + EmbeddedFlink.url(webUi.port));
        out.println("  parallelism    " + cfg.parallelism);
        out.println("  source         " + (cfg.source == SourceKind.KAFKA
                ? "kafka topic " + cfg.kafka.topic() + " on " + cfg.kafka.bootstrapServers() : "generator, " + input));
        out.println("  checkpointing  " + checkpoints);
        out.println("  sink           " + DashedEnumConverter.name(cfg.sink)
                + (cfg.sink == SinkKind.FILE ? " → " + cfg.outputDir
                        : cfg.sink == SinkKind.KAFKA ? " → topic " + cfg.kafka.outputTopic() + " (exactly once)" : ""));
        out.println("  Flink log      " + LabLog.file());
        out.flush();
    }

    /**
     * Waits for the job and stops it: at the end of the input, when --duration is up, or on Ctrl-C (a shutdown
     * hook, since the JVM is exiting then). Each way ends with one summary line.
     */
    private static final class Supervisor {
        private final JobClient job;
        private final long startedNanos;
        private final PrintWriter out;
        private final AtomicBoolean summarized = new AtomicBoolean();

        Supervisor(JobClient job, long startedNanos, PrintWriter out) {
            this.job = job;
            this.startedNanos = startedNanos;
            this.out = out;
        }

        /** {@code first} runs once Ctrl-C is handled, so a Ctrl-C during it still cancels and summarizes. */
        int await(Duration duration, Runnable first) throws Exception {
            Thread hook = new Thread(() -> cancel("stopped (Ctrl-C)"), "lab-run-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                first.run();
                JobExecutionResult result = duration == null
                        ? job.getJobExecutionResult().get()
                        : job.getJobExecutionResult().get(   // --duration counts from the submission
                                duration.toNanos() - (System.nanoTime() - startedNanos), TimeUnit.NANOSECONDS);
                summary("finished", JobStatus.FINISHED + ", net runtime " + seconds(result.getNetRuntime()));
                return ExitCodes.OK;
            } catch (TimeoutException e) {
                return cancel("stopped (--duration " + DurationConverter.format(duration) + " reached)");
            } catch (java.util.concurrent.ExecutionException e) {
                if (summarized.get() || jvmShuttingDown()) {
                    // Ctrl-C: our hook cancels and prints the summary; Flink's own hooks may take the
                    // cluster down first, which fails the job here. Neither is a job failure.
                    return ExitCodes.OK;
                }
                summary("failed", JobStatus.FAILED.name());
                throw new LabException("job failed: " + FlinkErrors.rootCause(e) + " (details in " + LabLog.file() + ")");
            } finally {
                removeHook(hook);
            }
        }

        private int cancel(String why) {
            String status;
            try {
                job.cancel().get(CANCEL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                status = statusAfterCancel().name();
            } catch (Exception e) {
                // Finished or failed just before we cancelled, or the cluster is already going down.
                status = "not confirmed cancelled (" + FlinkErrors.rootCause(e) + ")";
            }
            summary(why, status);
            return ExitCodes.OK;
        }

        private JobStatus statusAfterCancel() {
            try {
                job.getJobExecutionResult().get(CANCEL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return JobStatus.FINISHED;
            } catch (Exception e) {
                return JobStatus.CANCELED;
            }
        }

        private void summary(String how, String status) {
            if (summarized.compareAndSet(false, true)) {
                out.println("lab run: " + how + ", " + seconds(elapsedMillis()) + " after submitting, job " + job.getJobID() + " " + status);
                out.flush();
            }
        }

        private long elapsedMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        }

        private static String seconds(long millis) {
            return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }

        private static boolean jvmShuttingDown() {
            Thread probe = new Thread(() -> { });
            try {
                Runtime.getRuntime().addShutdownHook(probe);
                Runtime.getRuntime().removeShutdownHook(probe);
                return false;
            } catch (IllegalStateException e) {
                return true;
            }
        }

        private static void removeHook(Thread hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running (Ctrl-C); it prints the summary.
            }
        }
    }
}

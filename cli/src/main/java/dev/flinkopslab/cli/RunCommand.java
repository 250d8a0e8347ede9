package dev.flinkopslab.cli;

import dev.flinkopslab.flink.FlinkErrors;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.pipeline.PipelineConfig.CheckpointMode;
import dev.flinkopslab.pipeline.PipelineConfig.RestartKind;
import dev.flinkopslab.pipeline.PipelineConfig.SinkKind;
import dev.flinkopslab.pipeline.PipelineConfig.SourceKind;
import dev.flinkopslab.pipeline.KafkaSettings;
import dev.flinkopslab.pipeline.PipelineSinks;
import dev.flinkopslab.ops.jobs.JobsClient;
import dev.flinkopslab.source.GeneratorConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
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

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "<events/s>",
            description = "Events per second over all partitions; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    long rate;

    @Option(names = "--records", paramLabel = "<n>",
            description = "Stop the source after this many records (bounded run; default: unbounded).")
    Long records;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "Run this long, then cancel, e.g. 30s, 5m, 1h (default: until Ctrl-C).")
    Duration duration;

    @Option(names = {"-p", "--parallelism"}, defaultValue = "4",
            description = "Parallelism of every operator (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--source", defaultValue = "generator", paramLabel = "generator|kafka",
            description = "Where records come from: the embedded generator, or a Kafka topic (see 'lab kafka', 'lab produce') (default: ${DEFAULT-VALUE}).")
    SourceKind source;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092",
            description = "Kafka for --source kafka and --sink kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "measurements", description = "Kafka topic for --source kafka (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--stop-at-latest",
            description = "With --source kafka: read up to the offsets that are the latest at the start, then finish (default: read on).")
    boolean stopAtLatest;

    @Option(names = "--sink", defaultValue = "print", paramLabel = "print|file|discard|kafka",
            description = "Where window results go: print (stdout), file (--output-dir), discard, or kafka (topic measurement-windows, exactly once) (default: ${DEFAULT-VALUE}).")
    SinkKind sink;

    @Option(names = "--output-dir", defaultValue = "target/output", paramLabel = "<dir>",
            description = "Directory of the file sink: windows/, late/, dead-letters/ (default: ${DEFAULT-VALUE}).")
    String outputDir;

    @Option(names = "--checkpointing", defaultValue = "exactly-once", paramLabel = "exactly-once|at-least-once|none",
            description = "Checkpointing mode (default: ${DEFAULT-VALUE}).")
    CheckpointMode checkpointing;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "Time between checkpoints (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--restart-strategy", defaultValue = "fixed-delay", paramLabel = "none|fixed-delay|exponential-delay",
            description = "What Flink does when the job fails (default: ${DEFAULT-VALUE}).")
    RestartKind restart;

    @Option(names = "--restart-attempts", defaultValue = "10", paramLabel = "<n>",
            description = "Restarts before the job fails for good (default: ${DEFAULT-VALUE}).")
    int restartAttempts;

    @Option(names = "--restart-delay", defaultValue = "1s", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "Delay before a restart; the initial backoff for exponential-delay (default: ${DEFAULT-VALUE}).")
    Duration restartDelay;

    @Option(names = "--out-of-orderness", defaultValue = "250ms", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "Watermark bound: how far out of order events may arrive and still count (default: ${DEFAULT-VALUE}).")
    Duration outOfOrderness;

    @Option(names = "--idle-timeout", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "A partition silent this long stops holding the watermark back; 0 disables (default: 5s for the generator, "
                    + "0 for Kafka: while a backlog is read, a partition waiting its turn would look idle and its records turn late).")
    Duration idleTimeout;

    @Option(names = "--malformed", defaultValue = "0.0", paramLabel = "<fraction>",
            description = "Fraction 0..1 of records that are not valid measurements (dead letters) (default: ${DEFAULT-VALUE}).")
    double malformed;

    @Option(names = "--late", defaultValue = "0.0", paramLabel = "<fraction>",
            description = "Fraction 0..1 of records delayed beyond the watermark (late records) (default: ${DEFAULT-VALUE}).")
    double late;

    @Option(names = "--idle-partitions", split = ",", paramLabel = "<p>",
            description = "Source partitions that go silent, e.g. 6,7 (default: none).")
    List<Integer> idlePartitions = List.of();

    @Option(names = "--idle-after", defaultValue = "0", paramLabel = "<n>",
            description = "Records each idle partition produces before going silent (default: ${DEFAULT-VALUE}).")
    long idleAfter;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the generated data; same seed, same records (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fail-after", defaultValue = "0", paramLabel = "<n>",
            description = "Inject one failure after n records and a completed checkpoint, for demos; 0 = never (default: ${DEFAULT-VALUE}).")
    long failAfter;

    @Option(names = "--port", defaultValue = "8081",
            description = "Port of the Flink Web UI and REST API (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        PipelineConfig cfg = config();
        checkPort(spec, port);
        KafkaCommand.requireKafkaFor(cfg);
        PrintWriter out = spec.commandLine().getOut();
        printHeader(out, cfg);
        return runWithWebUi(cfg, PipelineParts.REFERENCE, port, duration, out);
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

    /** Option values → the pipeline's typed config; option-named messages for the values users mistype. */
    PipelineConfig config() {
        require(rate >= 0, "--rate must be 0 (as fast as possible) or positive (got " + rate + ")");
        require(records == null || records > 0, "--records must be positive (got " + records + ")");
        require(parallelism >= 1, "--parallelism must be at least 1 (got " + parallelism + ")");
        require(malformed >= 0 && malformed <= 1, "--malformed must be a fraction within 0..1 (got " + malformed + ")");
        require(late >= 0 && late <= 1, "--late must be a fraction within 0..1 (got " + late + ")");
        require(duration == null || !duration.isZero(), "--duration must be positive (got 0)");
        GeneratorConfig.Builder generator = GeneratorConfig.builder().seed(seed).eventsPerSecond(rate)
                .malformedFraction(malformed).lateFraction(late).idlePartitions(idlePartitions, idleAfter);
        if (records != null) {
            generator.maxRecords(records);
        }
        // Anything else inconsistent is rejected by the configs themselves (IllegalArgumentException → exit 2).
        KafkaSettings kafka = KafkaSettings.defaults().withBootstrapServers(bootstrapServers).withTopic(topic)
                .withStopAtLatest(stopAtLatest);
        return PipelineConfig.builder().source(source).kafka(kafka).generator(generator.build()).parallelism(parallelism)
                .outOfOrderness(outOfOrderness).idleTimeout(idleTimeout)
                .checkpointing(checkpointing).checkpointInterval(checkpointInterval)
                .restart(restart, restartAttempts, restartDelay)
                .sink(sink).outputDir(outputDir).failAfterRecords(failAfter).build();
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    private void printHeader(PrintWriter out, PipelineConfig cfg) {
        String checkpoints = cfg.checkpointing == CheckpointMode.NONE ? "none"
                : DashedEnumConverter.name(cfg.checkpointing) + " every " + DurationConverter.format(cfg.checkpointInterval);
        String input = (rate == 0 ? "as fast as possible" : rate + " events/s")
                + (records == null ? ", unbounded" : ", " + records + " records");
        String until = records != null ? "until the input ends" : duration != null ? "for " + DurationConverter.format(duration) : "until Ctrl-C";
        out.println("lab run: measurement pipeline on an embedded Flink " + Lab.flinkVersion() + ", " + until);
        out.println("  Web UI         " + EmbeddedFlink.url(port));
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
                summary("finished", "FINISHED, net runtime " + seconds(result.getNetRuntime()));
                return ExitCodes.OK;
            } catch (TimeoutException e) {
                return cancel("stopped (--duration " + DurationConverter.format(duration) + " reached)");
            } catch (java.util.concurrent.ExecutionException e) {
                if (summarized.get() || jvmShuttingDown()) {
                    // Ctrl-C: our hook cancels and prints the summary; Flink's own hooks may take the
                    // cluster down first, which fails the job here. Neither is a job failure.
                    return ExitCodes.OK;
                }
                summary("failed", "FAILED");
                throw new LabException("job failed: " + FlinkErrors.rootCause(e) + " (details in " + LabLog.file() + ")");
            } finally {
                removeHook(hook);
            }
        }

        private int cancel(String why) {
            String status;
            try {
                job.cancel().get(CANCEL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                status = statusAfterCancel();
            } catch (Exception e) {
                // Finished or failed just before we cancelled, or the cluster is already going down.
                status = "not confirmed cancelled (" + FlinkErrors.rootCause(e) + ")";
            }
            summary(why, status);
            return ExitCodes.OK;
        }

        private String statusAfterCancel() {
            try {
                job.getJobExecutionResult().get(CANCEL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return "FINISHED";
            } catch (Exception e) {
                return "CANCELED";
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

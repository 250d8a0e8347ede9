package dev.flinkopslab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineConfig.CheckpointMode;
import dev.flinkopslab.pipeline.PipelineConfig.ParseMode;
import dev.flinkopslab.pipeline.PipelineConfig.SinkKind;
import dev.flinkopslab.pipeline.PipelineSinks;
import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.source.GeneratorConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lab bench}: the pipeline bounded and unthrottled into a discarding sink, then the "Flink floor" —
 * the same job with a trivial parse step — so the ratio says what parsing costs over what Flink itself costs.
 * Both run in this JVM, one after the other, each on its own embedded cluster.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, subcommands = BenchUpgradeCommand.class,
        description = {"Measure the pipeline's throughput against the Flink floor (same job, trivial parse).",
                "'lab bench upgrade' measures STATEFUL upgrades on the platform instead."})
final class BenchCommand implements Callable<Integer> {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--records", defaultValue = "5000000", paramLabel = "<n>",
            description = "Records per run (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = {"-p", "--parallelism"}, defaultValue = "2",
            description = "Parallelism of every operator (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--output", paramLabel = "<file>",
            description = "Where to write the JSON report (default: target/bench/bench-<timestamp>.json); "
                    + "latest.json next to it is overwritten too.")
    Path output;

    /** One measured run. {@code seconds} is Flink's net runtime of the job, submit to finish. */
    record Run(String name, long records, double seconds, double wallSeconds, double recordsPerSecond) {}

    @Override
    public Integer call() throws Exception {
        if (records < 1) {
            throw new ParameterException(spec.commandLine(), "--records must be positive (got " + records + ")");
        }
        PipelineConfig pipeline = PipelineConfig.builder()
                .generator(GeneratorConfig.builder().maxRecords(records).eventsPerSecond(0).build())
                .parallelism(parallelism).sink(SinkKind.DISCARD)
                .checkpointing(CheckpointMode.EXACTLY_ONCE).checkpointInterval(Duration.ofSeconds(10))
                .parse(ParseMode.JSON).build();
        PipelineConfig floor = pipeline.toBuilder().parse(ParseMode.TRIVIAL).build();

        PrintWriter out = spec.commandLine().getOut();
        Instant started = Instant.now();
        out.printf(Locale.ROOT, "lab bench: %,d records, parallelism %d, Flink %s (log: %s)%n",
                records, parallelism, Lab.flinkVersion(), LabLog.file());
        out.flush();
        List<Run> runs = new ArrayList<>();
        runs.add(measure("pipeline", pipeline, out));
        runs.add(measure("floor", floor, out));

        double ratio = runs.get(0).recordsPerSecond() / runs.get(1).recordsPerSecond();
        out.println();
        for (Run r : runs) {
            out.printf(Locale.ROOT, "  %-9s %,12d records  %7.2f s  %,12.0f rec/s%n",
                    r.name(), r.records(), r.seconds(), r.recordsPerSecond());
        }
        out.printf(Locale.ROOT, "  pipeline/floor %.2f (the pipeline runs at %.0f%% of what Flink alone manages)%n",
                ratio, ratio * 100);
        Path written = writeReport(started, runs, ratio);
        out.println("  report    " + written);
        out.flush();
        return ExitCodes.OK;
    }

    private Run measure(String name, PipelineConfig cfg, PrintWriter out) throws Exception {
        int port = EmbeddedFlink.freePort();
        Configuration conf = EmbeddedFlink.configuration(cfg, port);
        // The REST API caches metrics; refresh them every second so progress lines are current.
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        PipelineSinks.attach(MeasurementPipeline.build(env, cfg), cfg);

        long submitted = System.nanoTime();
        JobClient job = env.executeAsync(cfg.jobName + "-bench-" + name);
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        Progress progress = new Progress(name, cfg.generator.maxRecords(), new FlinkJobs(EmbeddedFlink.url(port)),
                job.getJobID(), out);
        while (true) {
            try {
                result.get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException stillRunning) {
                progress.print();
            }
        }
        JobExecutionResult done = result.get();
        double wall = (System.nanoTime() - submitted) / 1e9;
        double seconds = done.getNetRuntime() / 1000.0;
        long total = cfg.generator.maxRecords();
        return new Run(name, total, seconds, wall, total / seconds);
    }

    /**
     * Progress lines from Flink's own counter of records leaving the source vertex. The rate is the one since
     * the previous line, so startup does not drag it down; a REST hiccup just skips a line.
     */
    private static final class Progress {
        private final String name;
        private final long total;
        private final FlinkJobs rest;
        private final JobID jobId;
        private final PrintWriter out;
        private final long startNanos = System.nanoTime();
        private long lastNanos = startNanos;
        private long lastDone;

        Progress(String name, long total, FlinkJobs rest, JobID jobId, PrintWriter out) {
            this.name = name;
            this.total = total;
            this.rest = rest;
            this.jobId = jobId;
            this.out = out;
        }

        void print() {
            long done;
            try {
                done = rest.sourceRecordsOut(jobId);
            } catch (Exception e) {
                return;
            }
            long now = System.nanoTime();
            if (done == lastDone) {
                return; // metrics not refreshed yet (or still starting): nothing new to say
            }
            double rate = (done - lastDone) / ((now - lastNanos) / 1e9);
            lastDone = done;
            lastNanos = now;
            out.printf(Locale.ROOT, "  %-9s %8s records  %6s rec/s  elapsed %.1fs  ETA %.1fs%n", name, compact(done),
                    compact((long) rate), (now - startNanos) / 1e9, Math.max(0, total - done) / rate);
            out.flush();
        }
    }

    /** 1.2M, 410k, 950. */
    static String compact(long n) {
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        if (n >= 1_000) {
            return String.format(Locale.ROOT, "%.0fk", n / 1e3);
        }
        return Long.toString(n);
    }

    private Path writeReport(Instant started, List<Run> runs, double ratio) throws Exception {
        Path file = output != null ? output
                : Path.of(System.getProperty("lab.home", "."), "target", "bench", "bench-" + FILE_STAMP.format(started) + ".json");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("timestamp", started.toString());
        report.put("flinkVersion", Lab.flinkVersion());
        Runtime rt = Runtime.getRuntime();
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("availableProcessors", rt.availableProcessors());
        machine.put("maxMemory", rt.maxMemory());
        machine.put("javaVersion", System.getProperty("java.version"));
        report.put("machine", machine);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("records", records);
        params.put("parallelism", parallelism);
        params.put("partitions", GeneratorConfig.defaults().partitions());
        params.put("sink", "discard");
        params.put("checkpointing", "exactly-once every 10s");
        report.put("params", params);
        report.put("timing", "seconds = JobExecutionResult.getNetRuntime (job running to finished); "
                + "wallSeconds = submit to finish, including cluster start; recordsPerSecond = records / seconds");
        report.put("runs", runs);
        report.put("ratioPipelineToFloor", ratio);

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        json.writeValue(file.toFile(), report);
        Files.copy(file, dir.resolve("latest.json"), StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}

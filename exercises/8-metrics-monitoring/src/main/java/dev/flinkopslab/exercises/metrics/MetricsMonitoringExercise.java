package dev.flinkopslab.exercises.metrics;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Seam;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.exercises.check.CheckContext;
import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.exercises.check.CheckRun;
import dev.flinkopslab.exercises.check.Figure;
import dev.flinkopslab.exercises.metrics.solution.DeserializerMetricsSolution;
import dev.flinkopslab.exercises.check.WindowResults;
import dev.flinkopslab.exercises.metrics.solution.MetricsReportingSolution;
import dev.flinkopslab.exercises.metrics.solution.WindowResultMetricsSolution;
import dev.flinkopslab.flink.metrics.PrometheusEndpoint;
import dev.flinkopslab.pipeline.CountInvalidRecords;
import dev.flinkopslab.pipeline.MeasureEventTimeLag;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.ParseMetrics;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.pipeline.ResultMetrics;
import dev.flinkopslab.source.GeneratorConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;

/** Exercise 8: a job nobody can monitor — no custom metrics, no reporter. */
@DoNotChangeThis("the check measures your DeserializerMetrics, WindowResultMetrics and MetricsReporting through this class")
public final class MetricsMonitoringExercise implements Exercise {
    static final String INVALID_RECORDS = CountInvalidRecords.INVALID_RECORDS_METRIC;
    static final String EVENT_TIME_LAG = MeasureEventTimeLag.EVENT_TIME_LAG_METRIC;

    static final double MALFORMED_FRACTION = 0.01;
    static final GeneratorConfig CHECK_DATA = GeneratorConfig.builder().seed(808).unbounded().eventsPerSecond(2_000)
            .malformedFraction(MALFORMED_FRACTION).build();
    static final Duration CHECK_RUN = Duration.ofSeconds(15);
    /** numInvalidRecords against malformed fraction × records read: counting noise is a few %, so 0.5–2 is loose. */
    static final double MIN_INVALID_RATIO = 0.7;
    static final double MAX_INVALID_RATIO = 1.4;
    static final double MAX_LAG_P50_MS = 5_000;
    /**
     * No result can leave sooner after its window's end than the watermark's out-of-orderness bound (250 ms here)
     * allows; a lag below 100 ms measures something else (the watermark, not the wall clock; seconds, not ms).
     */
    static final double MIN_LAG_P50_MS = 100;
    /** Windows committed by the checkpoints every 2 s over the 15 s run, ten locations each. */
    static final long MIN_WINDOWS = 50;

    @Override
    public int number() {
        return 8;
    }

    @Override
    public String slug() {
        return "metrics-monitoring";
    }

    @Override
    public String title() {
        return "Metrics and monitoring";
    }

    @Override
    public String symptom() {
        return "nobody can tell from outside the job how many records are malformed or how late results are";
    }

    @Override
    public PipelineConfig runConfig() {
        return PipelineConfig.builder()
                .generator(GeneratorConfig.builder().unbounded().eventsPerSecond(2_000)
                        .malformedFraction(MALFORMED_FRACTION).build())
                .build();
    }

    @Override
    public Set<Seam> seams() {
        return Set.of(Seam.PARSE_METRICS, Seam.RESULT_METRICS, Seam.METRIC_REPORTERS);
    }

    @Override
    public PipelineParts parts(Variant variant) {
        return variant == Variant.SOLUTION
                ? parts(DeserializerMetricsSolution::new, WindowResultMetricsSolution::new, MetricsReportingSolution::apply)
                : parts(DeserializerMetrics::new, WindowResultMetrics::new, MetricsReporting::apply);
    }

    /** The reference pipeline with what its deserializer and its window results report, and its metrics settings. */
    static PipelineParts parts(Supplier<ParseMetrics> parseMetrics, Supplier<ResultMetrics> resultMetrics,
                               Consumer<Configuration> metricsSettings) {
        return new PipelineParts() {
            @Override
            public ParseMetrics parseMetrics() {
                return parseMetrics.get();
            }

            @Override
            public ResultMetrics resultMetrics() {
                return resultMetrics.get();
            }

            @Override
            public void configure(Configuration conf, PipelineConfig c) {
                metricsSettings.accept(conf);
            }
        };
    }

    @Override
    public Duration checkDuration() {
        return CHECK_RUN.plusSeconds(6);
    }

    @Override
    public CheckResult check(PipelineParts parts, Variant variant, CheckContext context) throws Exception {
        PipelineConfig config = PipelineConfig.builder().generator(CHECK_DATA).parallelism(2)
                .checkpointInterval(Duration.ofSeconds(2)).build();
        CheckResult result = new CheckResult(this, variant);
        Optional<Scraped> last = Optional.empty();
        Figure results;
        try (CheckRun run = CheckRun.start(config, parts, context)) {
            PrometheusEndpoint endpoint = new PrometheusEndpoint(run.jobId(),
                    MeasurementPipeline.flinkConfiguration(run.config(), parts));
            if (!endpoint.configured()) {
                context.progress().println("  no Prometheus reporter in the job's configuration");
            }
            AtomicReference<Scraped> latest = new AtomicReference<>();
            run.runFor(CHECK_RUN, Duration.ofSeconds(1), context, t -> endpoint.scrape().map(Scraped::of).ifPresent(s -> {
                latest.set(s);
                result.point("numInvalidRecords (scraped)", t, s.invalidRecords);
                if (!Double.isNaN(s.lagP50)) {
                    result.point("eventTimeLag p50 (ms, scraped)", t, s.lagP50);
                }
            }));
            last = endpoint.scrape().map(Scraped::of).or(() -> Optional.ofNullable(latest.get()));
            last.ifPresent(s -> context.progress().printf(Locale.ROOT,
                    "  scraped port %d: numInvalidRecords %d of %d records read, eventTimeLag p50 %.0f–%.0f ms%n",
                    endpoint.port(), s.invalidRecords, s.recordsRead, s.minLagP50, s.lagP50));
            run.stop();
            results = WindowResults.ofRun(run).figure(MIN_WINDOWS);
        }
        Scraped s = last.orElse(Scraped.NOTHING);
        double ratio = s.invalidRecords > 0 && s.recordsRead > 0
                ? s.invalidRecords / (MALFORMED_FRACTION * s.recordsRead) : Double.NaN;
        Figure served = Figure.equalTo("metrics endpoint serving the job", last.isPresent() ? 1 : 0, "", 1);
        Figure exported = Figure.atLeast("numInvalidRecords exported", s.invalidRecords, "", 1);
        Figure counted = Figure.between("numInvalidRecords ÷ (1% of records read)", ratio, "", MIN_INVALID_RATIO,
                MAX_INVALID_RATIO).ifNaN(last.isEmpty() ? "nothing scraped" : "no numInvalidRecords counted");
        Figure lag = new Figure("eventTimeLag p50 (slowest subtask)", s.lagP50, "ms",
                String.format(Locale.ROOT, "%.0f – %.0f ms", MIN_LAG_P50_MS, MAX_LAG_P50_MS),
                s.minLagP50 >= MIN_LAG_P50_MS && s.lagP50 <= MAX_LAG_P50_MS)
                .ifNaN(last.isEmpty() ? "nothing scraped" : "no eventTimeLag histogram exported");
        result.figure(served).figure(exported).figure(counted).figure(lag).figure(results);
        return result.hint(hint(last.isPresent(), exported, counted, lag, results, s));
    }

    private static String hint(boolean scraped, Figure exported, Figure counted, Figure lag, Figure results, Scraped s) {
        if (!scraped) {
            return "No HTTP endpoint serves this job's metrics: configure Flink's Prometheus reporter (factory class and "
                    + "a port range) in MetricsReporting, then export a 'numInvalidRecords' counter and an "
                    + "'eventTimeLag' histogram. Details in the exercise README.";
        }
        List<String> hints = new java.util.ArrayList<>();
        if (!exported.met()) {
            hints.add("The endpoint serves the job, but no 'numInvalidRecords' counter: count malformed records in it.");
        } else if (!counted.met()) {
            hints.add("'numInvalidRecords' is off the malformed records by a factor of " + String.format(Locale.ROOT, "%.2f", counted.value())
                    + ": increment it once per malformed record, in one place.");
        }
        if (!lag.met()) {
            hints.add(lag.measured() && s.minLagP50 < MIN_LAG_P50_MS
                    ? "'eventTimeLag' is too small to be the lag a consumer sees: record the wall clock minus the "
                            + "window's end, in milliseconds, when the result leaves."
                    : "Record wall clock minus window end in an 'eventTimeLag' histogram when each result leaves.");
        }
        if (!results.met() && results.measured()) {
            hints.add("The window results differ from the reference: the window function must emit each window's "
                    + "aggregate once, as it is.");
        }
        return String.join(" ", hints) + " Details in the exercise README.";
    }

    /** What the check reads from one scrape. */
    record Scraped(long invalidRecords, long recordsRead, double minLagP50, double lagP50) {
        static final Scraped NOTHING = new Scraped(0, 0, Double.NaN, Double.NaN);

        static Scraped of(List<PrometheusEndpoint.Sample> samples) {
            List<PrometheusEndpoint.Sample> invalid = samples.stream().filter(s -> s.is(INVALID_RECORDS)).toList();
            // Records read: what the operators that count invalid records took in.
            Set<String> countingOperators = invalid.stream().map(s -> s.labels().get("operator_id")).collect(Collectors.toSet());
            long read = (long) samples.stream().filter(s -> s.is("numRecordsIn") && s.name().contains("_operator_")
                    && countingOperators.contains(s.labels().get("operator_id"))).mapToDouble(PrometheusEndpoint.Sample::value).sum();
            double[] p50 = samples.stream().filter(s -> s.is(EVENT_TIME_LAG) && "0.5".equals(s.labels().get("quantile")))
                    .mapToDouble(PrometheusEndpoint.Sample::value).filter(v -> !Double.isNaN(v)).toArray();
            return new Scraped((long) invalid.stream().mapToDouble(PrometheusEndpoint.Sample::value).sum(), read,
                    p50.length == 0 ? Double.NaN : Arrays.stream(p50).min().getAsDouble(),
                    p50.length == 0 ? Double.NaN : Arrays.stream(p50).max().getAsDouble());
        }
    }
}

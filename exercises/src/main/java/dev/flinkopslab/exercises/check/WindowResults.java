package dev.flinkopslab.exercises.check;

import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.testing.ExpectedResults;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether a job's window results are right: each window of the reference exactly once, with the reference's
 * values. The reference is computed from the generator's records ({@link ExpectedResults}), so a fix that makes
 * the symptom go away by changing the results (firing windows early, dropping records as late, losing or
 * double-counting some) shows as wrong, missing or duplicated windows.
 */
public final class WindowResults {
    /** A window result line as the FileSink writes it: {@code windowStart,windowEnd,location,count,sum,min,max,mean}. */
    public static WindowResult parseCsv(String line) {
        String[] f = line.split(",");
        return new WindowResult(f[2], Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[3]), centi(f[4]),
                centi(f[5]), centi(f[6]));
    }

    public static List<WindowResult> parseCsv(Collection<String> lines) {
        List<WindowResult> out = new ArrayList<>(lines.size());
        lines.forEach(l -> out.add(parseCsv(l)));
        return out;
    }

    private static long centi(String decimal) {
        return Math.round(Double.parseDouble(decimal) * 100);
    }

    /**
     * What a run of {@code data} from {@code originMs} must produce, up to windows ending at {@code horizonMs}:
     * the measurements through {@code steps} (what the job does between parsing and the windows, e.g. a
     * calibration; {@code null} drops a record), in 1 s windows.
     */
    public static Map<String, WindowResult> expected(GeneratorConfig data, long originMs, long horizonMs,
                                                     PipelineConfig config, Function<Measurement, Measurement> steps) {
        long lateness = data.outOfOrdernessMs() + (data.lateFraction() > 0 ? 3_000 : 0) + 1;
        long until = horizonMs == Long.MAX_VALUE ? Long.MAX_VALUE : horizonMs + lateness;
        List<Measurement> measurements = new ArrayList<>();
        for (Measurement m : ExpectedResults.measurements(data, originMs, until)) {
            Measurement after = steps.apply(m);
            if (after != null) {
                measurements.add(after);
            }
        }
        Map<String, WindowResult> windows = ExpectedResults.windows(measurements, config.windowSize.toMillis());
        windows.values().removeIf(w -> w.windowEnd > horizonMs);
        return windows;
    }

    /** The outcome of comparing a job's window results with the reference's. */
    public record Comparison(long compared, long wrong, long missing, long duplicated, long expected) {
        public long errors() {
            return wrong + missing + duplicated;
        }

        /**
         * "window results equal to the reference: 0 wrong, 0 missing, 0 duplicated", met when none is, and at
         * least {@code minExpected} windows were there to compare (a run that produced nothing proves nothing: with
         * fewer and no error, the figure is not measured).
         */
        public Figure figure(long minExpected) {
            String name = String.format("window results equal to the reference: %d wrong, %d missing, %d duplicated "
                    + "(of %d)", wrong, missing, duplicated, expected);
            if (expected < minExpected && errors() == 0) {
                return new Figure(name, errors(), "", "= 0", false,
                        expected + " windows to compare, fewer than the " + minExpected + " needed");
            }
            return Figure.equalTo(name, errors(), "", 0);
        }
    }

    /**
     * Compares the job's results with the reference, window by window: a window of the reference the job did not
     * emit is missing, one it emitted more than once counts its extra results as duplicated, one whose values
     * (any of its results) differ, or that the reference does not have, is wrong. Results of windows ending after
     * {@code horizonMs} are left out (the job was stopped before they were complete or committed). Windows in
     * {@code ambiguous} are checked for being there once, not for their values (the reference cannot tell them:
     * two readings of one sensor with the same timestamp, of which the job may drop either as a resend).
     */
    public static Comparison compare(Map<String, WindowResult> expected, Collection<WindowResult> actual,
                                     long horizonMs, Set<String> ambiguous) {
        Map<String, List<WindowResult>> byKey = new HashMap<>();
        for (WindowResult w : actual) {
            if (w.windowEnd <= horizonMs) {
                byKey.computeIfAbsent(ExpectedResults.windowKey(w), k -> new ArrayList<>()).add(w);
            }
        }
        long wrong = 0, missing = 0, duplicated = 0, compared = 0;
        for (Map.Entry<String, WindowResult> e : expected.entrySet()) {
            List<WindowResult> got = byKey.remove(e.getKey());
            if (got == null) {
                missing++;
                continue;
            }
            compared++;
            duplicated += got.size() - 1;
            WindowResult want = e.getValue();
            if (!ambiguous.contains(e.getKey()) && got.stream().anyMatch(w -> !w.equals(want))) {
                wrong++;
            }
        }
        for (List<WindowResult> extra : byKey.values()) { // windows the reference does not have at all
            wrong++;
            duplicated += extra.size() - 1;
        }
        return new Comparison(compared, wrong, missing, duplicated, expected.size());
    }

    public static Comparison compare(Map<String, WindowResult> expected, Collection<WindowResult> actual) {
        return compare(expected, actual, Long.MAX_VALUE, Set.of());
    }

    /**
     * A check run's committed window results against the reference. A bounded run is compared in full; an
     * unbounded one (whose event-time origin {@link CheckRun} fixes when it starts the job) up to two windows before the
     * latest it committed: the job was stopped, and what came after may not be complete or committed.
     */
    public static Comparison ofRun(CheckRun run, Function<Measurement, Measurement> steps, Set<String> ambiguous) {
        return compare(run, parseCsv(run.windows()), steps, ambiguous);
    }

    public static Comparison ofRun(CheckRun run) {
        return ofRun(run, m -> m, Set.of());
    }

    static Comparison compare(CheckRun run, List<WindowResult> actual, Function<Measurement, Measurement> steps,
                              Set<String> ambiguous) {
        PipelineConfig config = run.config();
        GeneratorConfig data = config.generator;
        long horizon = Long.MAX_VALUE;
        if (!data.bounded()) {
            long latest = latestWindowEnd(actual);
            horizon = latest == Long.MIN_VALUE ? Long.MIN_VALUE : latest - 2 * config.windowSize.toMillis();
        }
        long origin = data.resolveOrigin(Long.MIN_VALUE);
        if (origin == Long.MIN_VALUE) {
            throw new IllegalStateException("an unbounded check run needs a fixed event-time origin to compare its results");
        }
        return compare(expected(data, origin, horizon, config, steps), actual, horizon, ambiguous);
    }

    /** The latest window end among {@code results}; {@code Long.MIN_VALUE} if there are none. */
    public static long latestWindowEnd(Collection<WindowResult> results) {
        return results.stream().mapToLong(w -> w.windowEnd).max().orElse(Long.MIN_VALUE);
    }

    private WindowResults() {}
}

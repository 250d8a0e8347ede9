package dev.flinkopslab.exercises.check;

import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.testing.ExpectedResults;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
    private WindowResults() {}

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
     * Readings the reference cannot tell whether the job counts: given all the reference's measurements, those
     * the job may leave out of their window and still be right. Compared by identity.
     */
    @FunctionalInterface
    public interface OptionalReadings {
        Set<Measurement> of(List<Measurement> measurements);

        OptionalReadings NONE = measurements -> Set.of();

        /**
         * Readings that share their sensor and timestamp with another one: a step that drops resends (the same
         * sensor's same timestamp) may keep any one of them — which depends on the order records arrive in.
         */
        OptionalReadings SAME_SENSOR_AND_TIMESTAMP = measurements -> {
            Map<String, List<Measurement>> byReading = new HashMap<>();
            for (Measurement m : measurements) {
                byReading.computeIfAbsent(m.sensorId + "@" + m.timestamp, k -> new ArrayList<>(1)).add(m);
            }
            Set<Measurement> optional = Collections.newSetFromMap(new IdentityHashMap<>());
            byReading.values().stream().filter(group -> group.size() > 1).forEach(optional::addAll);
            return optional;
        };
    }

    /**
     * The reference's windows (by {@link ExpectedResults#windowKey}), each with every reading in it; for a window
     * with optional readings, those readings and all of its readings, to judge a result that left some out.
     */
    public record Reference(Map<String, WindowResult> windows, Map<String, List<Measurement>> optional,
                            Map<String, List<Measurement>> readings) {}

    /**
     * What a run of {@code data} from {@code originMs} must produce, up to windows ending at {@code horizonMs}:
     * the measurements through {@code steps} (what the job does between parsing and the windows, e.g. a
     * calibration; {@code null} drops a record), in the pipeline's windows.
     */
    public static Reference reference(GeneratorConfig data, long originMs, long horizonMs, PipelineConfig config,
                                      Function<Measurement, Measurement> steps, OptionalReadings optionalReadings) {
        long lateness = data.outOfOrdernessMs() + (data.lateFraction() > 0 ? 3_000 : 0) + 1;
        long until = horizonMs == Long.MAX_VALUE ? Long.MAX_VALUE : horizonMs + lateness;
        long windowMs = config.windowSize.toMillis();
        List<Measurement> measurements = new ArrayList<>();
        for (Measurement m : ExpectedResults.measurements(data, originMs, until)) {
            Measurement after = steps.apply(m);
            if (after != null) {
                measurements.add(after);
            }
        }
        Map<String, WindowResult> windows = ExpectedResults.windows(measurements, windowMs);
        windows.values().removeIf(w -> w.windowEnd > horizonMs);
        Set<Measurement> optional = optionalReadings.of(measurements);
        Map<String, List<Measurement>> optionalByWindow = new HashMap<>();
        for (Measurement m : optional) {
            String key = ExpectedResults.windowKey(m.location, Math.floorDiv(m.timestamp, windowMs) * windowMs);
            if (windows.containsKey(key)) {
                optionalByWindow.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
            }
        }
        Map<String, List<Measurement>> readings = new HashMap<>();
        for (Measurement m : measurements) {
            String key = ExpectedResults.windowKey(m.location, Math.floorDiv(m.timestamp, windowMs) * windowMs);
            if (optionalByWindow.containsKey(key)) {
                readings.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
            }
        }
        return new Reference(windows, optionalByWindow, readings);
    }

    /** {@link #reference} without optional readings: just the windows. */
    public static Map<String, WindowResult> expected(GeneratorConfig data, long originMs, long horizonMs,
                                                     PipelineConfig config, Function<Measurement, Measurement> steps) {
        return reference(data, originMs, horizonMs, config, steps, OptionalReadings.NONE).windows();
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

    public static Comparison compare(Map<String, WindowResult> expected, Collection<WindowResult> actual) {
        return compare(new Reference(expected, Map.of(), Map.of()), actual, Long.MAX_VALUE);
    }

    /**
     * Compares the job's results with the reference, window by window: a window of the reference the job did not
     * emit is missing, one it emitted more than once counts its extra results as duplicated, one whose values
     * (any of its results) differ, or that the reference does not have, is wrong. A window with optional readings
     * is right with some of them left out. Results of windows ending after {@code horizonMs} are left out (the
     * job was stopped before they were complete or committed).
     */
    public static Comparison compare(Reference reference, Collection<WindowResult> actual, long horizonMs) {
        Map<String, List<WindowResult>> byKey = new HashMap<>();
        for (WindowResult w : actual) {
            if (w.windowEnd <= horizonMs) {
                byKey.computeIfAbsent(ExpectedResults.windowKey(w), k -> new ArrayList<>()).add(w);
            }
        }
        long wrong = 0, missing = 0, duplicated = 0, compared = 0;
        for (Map.Entry<String, WindowResult> e : reference.windows().entrySet()) {
            List<WindowResult> got = byKey.remove(e.getKey());
            if (got == null) {
                missing++;
                continue;
            }
            compared++;
            duplicated += got.size() - 1;
            if (got.stream().anyMatch(w -> !matches(reference, e.getKey(), e.getValue(), w))) {
                wrong++;
            }
        }
        for (List<WindowResult> extra : byKey.values()) { // windows the reference does not have at all
            wrong++;
            duplicated += extra.size() - 1;
        }
        return new Comparison(compared, wrong, missing, duplicated, reference.windows().size());
    }

    /** Most optional readings left out of one window that are tried in every combination. */
    private static final int MAX_LEFT_OUT = 3;

    /** Whether {@code got} is the reference's window, or the reference's with some of its optional readings left out. */
    private static boolean matches(Reference reference, String key, WindowResult want, WindowResult got) {
        if (got.equals(want)) {
            return true;
        }
        List<Measurement> optional = reference.optional().get(key);
        long leftOut = want.count - got.count;
        if (optional == null || leftOut <= 0 || leftOut > Math.min(optional.size(), MAX_LEFT_OUT)) {
            return false;
        }
        return leftOutMatches(reference.readings().get(key), optional, new ArrayList<>(), 0, (int) leftOut, want, got);
    }

    private static boolean leftOutMatches(List<Measurement> readings, List<Measurement> optional, List<Measurement> chosen,
                                          int from, int left, WindowResult want, WindowResult got) {
        if (left == 0) {
            return without(readings, chosen, want).equals(got);
        }
        for (int i = from; i < optional.size(); i++) {
            chosen.add(optional.get(i));
            if (leftOutMatches(readings, optional, chosen, i + 1, left - 1, want, got)) {
                return true;
            }
            chosen.remove(chosen.size() - 1);
        }
        return false;
    }

    private static WindowResult without(List<Measurement> readings, List<Measurement> leftOut, WindowResult want) {
        Set<Measurement> out = Collections.newSetFromMap(new IdentityHashMap<>());
        out.addAll(leftOut);
        WindowResult w = new WindowResult(want.location, want.windowStart, want.windowEnd, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE);
        for (Measurement m : readings) {
            if (!out.contains(m)) {
                w.count++;
                w.sumCenti += m.valueCenti;
                w.minCenti = Math.min(w.minCenti, m.valueCenti);
                w.maxCenti = Math.max(w.maxCenti, m.valueCenti);
            }
        }
        return w;
    }

    /**
     * A check run's committed window results against the reference. A bounded run is compared in full; an
     * unbounded one (whose event-time origin {@link CheckRun} fixes when it starts the job) up to two windows
     * before the latest it committed: the job was stopped, and what came after may not be complete or committed.
     */
    public static Comparison ofRun(CheckRun run, Function<Measurement, Measurement> steps, OptionalReadings optional) {
        List<WindowResult> actual = parseCsv(run.windows());
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
        return compare(reference(data, origin, horizon, config, steps, optional), actual, horizon);
    }

    public static Comparison ofRun(CheckRun run) {
        return ofRun(run, m -> m, OptionalReadings.NONE);
    }

    /** The latest window end among {@code results}; {@code Long.MIN_VALUE} if there are none. */
    public static long latestWindowEnd(Collection<WindowResult> results) {
        return results.stream().mapToLong(w -> w.windowEnd).max().orElse(Long.MIN_VALUE);
    }
}

package dev.flinkopslab.testing;

import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.source.MeasurementRecordGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a run must produce, computed from the generator's records with plain Java, no Flink: the independent
 * reference the pipeline's output is compared with — by the pipeline's tests, and by the exercises' checks
 * (which compare a learner's window results with it). Records are a pure function of (seed, partition,
 * offset) and the run's event-time origin, so a bounded run's results are fixed, and so are those of an
 * unbounded run whose origin is set ({@link GeneratorConfig.Builder#eventTimeOriginMs}).
 */
public final class ExpectedResults {
    private ExpectedResults() {}

    /** Window results as CSV lines (the FileSink format), sorted. */
    public static List<String> windowLines(GeneratorConfig g, long windowMs) {
        List<String> lines = new ArrayList<>();
        windows(measurements(g, g.resolveOrigin(0), Long.MAX_VALUE), windowMs).values().forEach(w -> lines.add(w.toCsv()));
        lines.sort(null);
        return lines;
    }

    /**
     * The valid measurements of a run that started at {@code originMs}, partition by partition in offset order:
     * all of a bounded run; of an unbounded one, those whose nominal event time is before {@code untilNominalMs}
     * (every record with an event time before {@code t} has a nominal time before {@code t} + the
     * out-of-orderness, and late records 3 s more). Idle partitions contribute what they produce before going silent.
     */
    public static List<Measurement> measurements(GeneratorConfig g, long originMs, long untilNominalMs) {
        MeasurementRecordGenerator generator = new MeasurementRecordGenerator(g);
        List<Measurement> out = new ArrayList<>();
        for (int p = 0; p < g.partitions(); p++) {
            long end = recordsProduced(g, p);
            for (long o = 0; end == GeneratorConfig.UNBOUNDED || o < end; o++) {
                if (g.nominalTimestamp(originMs, o) >= untilNominalMs) {
                    break;
                }
                MeasurementRecordGenerator.Generated r = generator.generateBounded(p, o, originMs);
                if (!r.malformed()) {
                    out.add(r.measurement());
                }
            }
        }
        return out;
    }

    /** The key of a window result: its location and window start, e.g. {@code Berlin@1767225600000}. */
    public static String windowKey(String location, long windowStart) {
        return location + "@" + windowStart;
    }

    public static String windowKey(WindowResult w) {
        return windowKey(w.location, w.windowStart);
    }

    /** Tumbling event-time windows per location over {@code measurements}: count, sum, min, max; by {@link #windowKey}. */
    public static Map<String, WindowResult> windows(Iterable<Measurement> measurements, long windowMs) {
        Map<String, WindowResult> windows = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            long start = Math.floorDiv(m.timestamp, windowMs) * windowMs;
            WindowResult w = windows.computeIfAbsent(windowKey(m.location, start),
                    k -> new WindowResult(m.location, start, start + windowMs, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE));
            w.count++;
            w.sumCenti += m.valueCenti;
            w.minCenti = Math.min(w.minCenti, m.valueCenti);
            w.maxCenti = Math.max(w.maxCenti, m.valueCenti);
        }
        return windows;
    }

    /** "partition,offset" of every malformed record, sorted. */
    public static List<String> malformedRecords(GeneratorConfig g) {
        long origin = g.resolveOrigin(0);
        MeasurementRecordGenerator generator = new MeasurementRecordGenerator(g);
        TreeSet<String> keys = new TreeSet<>();
        for (int p = 0; p < g.partitions(); p++) {
            for (long o = 0; o < recordsProduced(g, p); o++) {
                if (generator.generateBounded(p, o, origin).malformed()) {
                    keys.add(p + "," + o);
                }
            }
        }
        return new ArrayList<>(keys);
    }

    /** How many records the generator delayed beyond the out-of-orderness (the candidates for being late). */
    public static long delayedRecords(GeneratorConfig g) {
        long origin = g.resolveOrigin(0);
        MeasurementRecordGenerator generator = new MeasurementRecordGenerator(g);
        long n = 0;
        for (int p = 0; p < g.partitions(); p++) {
            for (long o = 0; o < recordsProduced(g, p); o++) {
                n += generator.generateBounded(p, o, origin).late() ? 1 : 0;
            }
        }
        return n;
    }

    /** Records partition {@code partition} produces: {@link GeneratorConfig#UNBOUNDED} for an active partition of an unbounded run. */
    private static long recordsProduced(GeneratorConfig g, int partition) {
        long all = g.recordsInPartition(partition);
        if (!g.isIdle(partition)) {
            return all;
        }
        return all == GeneratorConfig.UNBOUNDED ? g.idleAfterRecords() : Math.min(all, g.idleAfterRecords());
    }
}

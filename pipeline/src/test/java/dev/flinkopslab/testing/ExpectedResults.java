package dev.flinkopslab.testing;

import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.source.MeasurementRecordGenerator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a bounded run must produce, computed from the generator's records with plain Java, no Flink: the
 * independent reference the pipeline's output is compared with.
 */
public final class ExpectedResults {
    private ExpectedResults() {}

    /** Window results as CSV lines (the FileSink format), sorted. */
    public static List<String> windowLines(GeneratorConfig g, long windowMs) {
        long origin = g.resolveOrigin(0);
        MeasurementRecordGenerator generator = new MeasurementRecordGenerator(g);
        Map<String, WindowResult> windows = new HashMap<>();
        for (int p = 0; p < g.partitions(); p++) {
            for (long o = 0; o < recordsProduced(g, p); o++) {
                MeasurementRecordGenerator.Generated r = generator.generateBounded(p, o, origin);
                if (r.malformed()) {
                    continue;
                }
                Measurement m = r.measurement();
                long start = Math.floorDiv(m.timestamp, windowMs) * windowMs;
                WindowResult w = windows.computeIfAbsent(m.location + "@" + start,
                        k -> new WindowResult(m.location, start, start + windowMs, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE));
                w.count++;
                w.sumCenti += m.valueCenti;
                w.minCenti = Math.min(w.minCenti, m.valueCenti);
                w.maxCenti = Math.max(w.maxCenti, m.valueCenti);
            }
        }
        List<String> lines = new ArrayList<>();
        windows.values().forEach(w -> lines.add(w.toCsv()));
        lines.sort(null);
        return lines;
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

    private static long recordsProduced(GeneratorConfig g, int partition) {
        long all = g.recordsInPartition(partition);
        return g.isIdle(partition) ? Math.min(all, g.idleAfterRecords()) : all;
    }
}

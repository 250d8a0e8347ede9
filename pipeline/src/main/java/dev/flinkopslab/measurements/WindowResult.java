package dev.flinkopslab.measurements;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/** The aggregate of one location over one event-time window. A Flink POJO. */
public class WindowResult {
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    public String location;
    public long windowStart;
    public long windowEnd;
    public long count;
    public long sumCenti;
    public long minCenti;
    public long maxCenti;

    public WindowResult() {}

    public WindowResult(String location, long windowStart, long windowEnd, long count, long sumCenti,
                        long minCenti, long maxCenti) {
        this.location = location;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.count = count;
        this.sumCenti = sumCenti;
        this.minCenti = minCenti;
        this.maxCenti = maxCenti;
    }

    public double mean() {
        return count == 0 ? Double.NaN : sumCenti / 100.0 / count;
    }

    /** One CSV line, the FileSink format: {@code windowStart,windowEnd,location,count,sum,min,max,mean}. */
    public String toCsv() {
        return String.format(Locale.ROOT, "%d,%d,%s,%d,%.2f,%.2f,%.2f,%.4f", windowStart, windowEnd, location, count,
                sumCenti / 100.0, minCenti / 100.0, maxCenti / 100.0, mean());
    }

    /** A line for people watching a terminal. */
    public String toDisplay() {
        return String.format(Locale.ROOT, "[%s–%s UTC] %-10s count=%-6d mean=%7.2f min=%7.2f max=%7.2f",
                CLOCK.format(Instant.ofEpochMilli(windowStart)), CLOCK.format(Instant.ofEpochMilli(windowEnd)),
                location, count, mean(), minCenti / 100.0, maxCenti / 100.0);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WindowResult r)) {
            return false;
        }
        return windowStart == r.windowStart && windowEnd == r.windowEnd && count == r.count && sumCenti == r.sumCenti
                && minCenti == r.minCenti && maxCenti == r.maxCenti && Objects.equals(location, r.location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(location, windowStart, count, sumCenti);
    }

    @Override
    public String toString() {
        return toCsv();
    }
}

package dev.flinkopslab.exercises.migration;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.measurements.Measurement;
import java.util.Objects;

/**
 * One sensor's running statistics, as version 1 of the job keeps them in keyed state. A Flink POJO (public
 * fields, no-arg constructor), so Flink's PojoSerializer writes it into checkpoints and savepoints — together
 * with a snapshot of its schema: this class's name and each field's name and type.
 */
@DoNotChangeThis("V1's state type: the savepoints production took hold it; the check builds V1 with it")
public class SensorStats {
    public long count;
    public long sumCenti;
    public long minCenti = Long.MAX_VALUE;
    public long maxCenti = Long.MIN_VALUE;
    /** The latest event time seen, epoch milliseconds. */
    public long lastTimestamp = Long.MIN_VALUE;

    public SensorStats() {}

    public void add(Measurement m) {
        count++;
        sumCenti += m.valueCenti;
        minCenti = Math.min(minCenti, m.valueCenti);
        maxCenti = Math.max(maxCenti, m.valueCenti);
        lastTimestamp = Math.max(lastTimestamp, m.timestamp);
    }

    public SensorStats copy() {
        SensorStats s = new SensorStats();
        s.count = count;
        s.sumCenti = sumCenti;
        s.minCenti = minCenti;
        s.maxCenti = maxCenti;
        s.lastTimestamp = lastTimestamp;
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensorStats s && count == s.count && sumCenti == s.sumCenti && minCenti == s.minCenti
                && maxCenti == s.maxCenti && lastTimestamp == s.lastTimestamp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(count, sumCenti, minCenti, maxCenti, lastTimestamp);
    }

    @Override
    public String toString() {
        return "count=" + count + " sum=" + sumCenti + " min=" + minCenti + " max=" + maxCenti + " last=" + lastTimestamp;
    }
}

package dev.flinkopslab.source;

import dev.flinkopslab.pipeline.options.GeneratorOptions;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Everything that shapes the generated "measurements" topic. Immutable; build it from the job's options with
 * {@link #from}, or change it through {@link #toBuilder()}. Defaults (those of {@link #defaults()}; where
 * {@link GeneratorOptions} has the option, its default, except the rate):
 *
 * <ul>
 *   <li>{@code seed} 42 — same seed, same records in every partition;
 *   <li>{@code partitions} 8;
 *   <li>{@code eventsPerSecond} 0 — total rate over all partitions, 0 = as fast as possible (tests and checks run
 *       unthrottled; the job's option {@link GeneratorOptions#RATE} defaults to 1000);
 *   <li>{@code maxRecords} {@value #UNBOUNDED} (unbounded) — or a total count, spread evenly over partitions;
 *   <li>{@code outOfOrdernessMs} 200 — event times trail their nominal time by up to this much;
 *   <li>{@code malformedFraction} 0 — share of records whose value is not a valid measurement;
 *   <li>{@code lateFraction} 0 — share of records delayed by 1–3 s beyond the out-of-orderness;
 *   <li>{@code idlePartitions} none, {@code idleAfterRecords} 0 — these partitions stop producing after that
 *       many records (they stay assigned, like a Kafka partition nobody writes to);
 *   <li>{@code eventTimeOriginMs} unset — bounded runs then start at {@link #DEFAULT_BOUNDED_ORIGIN} (so they
 *       are fully reproducible), unbounded runs at the wall clock when the job starts;
 *   <li>{@code nominalEventsPerSecond} 10,000 — event-time density of bounded runs, and of unthrottled ones.
 * </ul>
 */
public final class GeneratorConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final long UNBOUNDED = -1;
    public static final long DEFAULT_BOUNDED_ORIGIN = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    /** Physical range of the sensors; the parser rejects readings outside it. */
    public static final double MIN_VALUE = -90.0;
    public static final double MAX_VALUE = 60.0;

    private final long seed;
    private final int partitions;
    private final long eventsPerSecond;
    private final long maxRecords;
    private final long outOfOrdernessMs;
    private final double malformedFraction;
    private final double lateFraction;
    private final List<Integer> idlePartitions;
    private final long idleAfterRecords;
    private final long eventTimeOriginMs;
    private final long nominalEventsPerSecond;

    private GeneratorConfig(Builder b) {
        this.seed = b.seed;
        this.partitions = b.partitions;
        this.eventsPerSecond = b.eventsPerSecond;
        this.maxRecords = b.maxRecords;
        this.outOfOrdernessMs = b.outOfOrdernessMs;
        this.malformedFraction = b.malformedFraction;
        this.lateFraction = b.lateFraction;
        this.idlePartitions = List.copyOf(b.idlePartitions);
        this.idleAfterRecords = b.idleAfterRecords;
        this.eventTimeOriginMs = b.eventTimeOriginMs;
        this.nominalEventsPerSecond = b.nominalEventsPerSecond;
        validate();
    }

    /** The data {@code conf}'s {@link GeneratorOptions} describe; options it leaves out take their defaults. */
    public static GeneratorConfig from(ReadableConfig conf) {
        Builder b = builder().seed(conf.get(GeneratorOptions.SEED)).eventsPerSecond(conf.get(GeneratorOptions.RATE))
                .malformedFraction(conf.get(GeneratorOptions.MALFORMED)).lateFraction(conf.get(GeneratorOptions.LATE))
                .idlePartitions(conf.get(GeneratorOptions.IDLE_PARTITIONS), conf.get(GeneratorOptions.IDLE_AFTER));
        conf.getOptional(GeneratorOptions.RECORDS).ifPresent(b::maxRecords);
        return b.build();
    }

    public static GeneratorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.partitions = partitions;
        b.eventsPerSecond = eventsPerSecond;
        b.maxRecords = maxRecords;
        b.outOfOrdernessMs = outOfOrdernessMs;
        b.malformedFraction = malformedFraction;
        b.lateFraction = lateFraction;
        b.idlePartitions = idlePartitions;
        b.idleAfterRecords = idleAfterRecords;
        b.eventTimeOriginMs = eventTimeOriginMs;
        b.nominalEventsPerSecond = nominalEventsPerSecond;
        return b;
    }

    private void validate() {
        require(partitions >= 1, "partitions must be at least 1 (got " + partitions + ")");
        require(eventsPerSecond >= 0, "events per second must be 0 (as fast as possible) or positive (got " + eventsPerSecond + ")");
        require(maxRecords >= 0 || maxRecords == UNBOUNDED, "record count must be positive, or unbounded (got " + maxRecords + ")");
        require(outOfOrdernessMs >= 0, "out-of-orderness must not be negative (got " + outOfOrdernessMs + " ms)");
        require(malformedFraction >= 0 && malformedFraction <= 1, "malformed fraction must be within 0..1 (got " + malformedFraction + ")");
        require(lateFraction >= 0 && lateFraction <= 1, "late fraction must be within 0..1 (got " + lateFraction + ")");
        require(malformedFraction + lateFraction <= 1, "malformed + late fractions must not exceed 1");
        require(idleAfterRecords >= 0, "idle-after must not be negative (got " + idleAfterRecords + ")");
        require(nominalEventsPerSecond > 0, "nominal events per second must be positive");
        for (int p : idlePartitions) {
            require(p >= 0 && p < partitions, "idle partition " + p + " does not exist (partitions are 0.." + (partitions - 1) + ")");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public long seed() { return seed; }
    public int partitions() { return partitions; }
    public long eventsPerSecond() { return eventsPerSecond; }
    public long maxRecords() { return maxRecords; }
    public boolean bounded() { return maxRecords != UNBOUNDED; }
    public long outOfOrdernessMs() { return outOfOrdernessMs; }
    public double malformedFraction() { return malformedFraction; }
    public double lateFraction() { return lateFraction; }
    public List<Integer> idlePartitions() { return idlePartitions; }
    public long idleAfterRecords() { return idleAfterRecords; }

    public boolean isIdle(int partition) {
        return idlePartitions.contains(partition);
    }

    /** Records partition {@code p} holds in a bounded run: the total spread evenly, the first partitions take the rest. */
    public long recordsInPartition(int partition) {
        if (!bounded()) {
            return UNBOUNDED;
        }
        return maxRecords / partitions + (partition < maxRecords % partitions ? 1 : 0);
    }

    /**
     * Event-time distance between two consecutive records of one partition, in microseconds. A bounded run is
     * a fixed data set, the same at any replay rate, so it is spaced at the nominal rate; an unbounded run's
     * event time follows the wall clock, so it is spaced at the rate records are produced.
     */
    public double eventSpacingMicros() {
        long rate = !bounded() && eventsPerSecond > 0 ? eventsPerSecond : nominalEventsPerSecond;
        return partitions * 1_000_000.0 / rate;
    }

    /** Wall-clock distance between two records of one partition when throttled, in microseconds. */
    public double emitSpacingMicros() {
        return eventsPerSecond > 0 ? partitions * 1_000_000.0 / eventsPerSecond : 0;
    }

    /** The event time a record would have with no out-of-orderness: evenly spaced from the run's origin. */
    public long nominalTimestamp(long originMs, long offset) {
        return originMs + (long) (offset * eventSpacingMicros() / 1000.0);
    }

    /** The event-time origin for a run starting now. */
    public long resolveOrigin(long nowMs) {
        if (eventTimeOriginMs >= 0) {
            return eventTimeOriginMs;
        }
        return bounded() ? DEFAULT_BOUNDED_ORIGIN : nowMs;
    }

    /** Builds a {@link GeneratorConfig}; {@link #build()} rejects inconsistent values with a clear message. */
    public static final class Builder {
        private long seed = GeneratorOptions.SEED.defaultValue();
        private int partitions = 8;
        private long eventsPerSecond = 0;
        private long maxRecords = UNBOUNDED;
        private long outOfOrdernessMs = 200;
        private double malformedFraction = GeneratorOptions.MALFORMED.defaultValue();
        private double lateFraction = GeneratorOptions.LATE.defaultValue();
        private List<Integer> idlePartitions = GeneratorOptions.IDLE_PARTITIONS.defaultValue();
        private long idleAfterRecords = GeneratorOptions.IDLE_AFTER.defaultValue();
        private long eventTimeOriginMs = -1;
        private long nominalEventsPerSecond = 10_000;

        private Builder() {}

        public Builder seed(long v) { seed = v; return this; }
        public Builder partitions(int v) { partitions = v; return this; }
        public Builder eventsPerSecond(long v) { eventsPerSecond = v; return this; }
        public Builder maxRecords(long v) { maxRecords = v; return this; }
        public Builder unbounded() { maxRecords = UNBOUNDED; return this; }
        public Builder outOfOrdernessMs(long v) { outOfOrdernessMs = v; return this; }
        public Builder malformedFraction(double v) { malformedFraction = v; return this; }
        public Builder lateFraction(double v) { lateFraction = v; return this; }
        public Builder idlePartitions(List<Integer> partitions, long afterRecords) {
            idlePartitions = List.copyOf(partitions);
            idleAfterRecords = afterRecords;
            return this;
        }
        public Builder eventTimeOriginMs(long v) { eventTimeOriginMs = v; return this; }
        public Builder nominalEventsPerSecond(long v) { nominalEventsPerSecond = v; return this; }

        public GeneratorConfig build() {
            return new GeneratorConfig(this);
        }
    }

    @Override
    public String toString() {
        return "GeneratorConfig{seed=" + seed + ", partitions=" + partitions + ", eventsPerSecond=" + eventsPerSecond
                + ", maxRecords=" + (bounded() ? maxRecords : "unbounded") + ", outOfOrdernessMs=" + outOfOrdernessMs
                + ", malformedFraction=" + malformedFraction + ", lateFraction=" + lateFraction
                + ", idlePartitions=" + idlePartitions + ", idleAfterRecords=" + idleAfterRecords + "}";
    }
}

package dev.flinkopslab.source;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

/**
 * Produces the records of the partitions assigned to one source subtask, round-robin, one record per
 * {@link #pollNext} call, paced to the configured rate.
 *
 * <p>Pacing: bounded runs pace relative to when the reader got the split; unbounded runs only emit a record
 * once its nominal event time has passed on the wall clock, so event times never run ahead of the clock and a
 * restored job catches up on its backlog at full speed, as a consumer of a real topic would.
 *
 * <p>Every split gets its own {@link SourceOutput} as soon as it is assigned, so Flink tracks a watermark per
 * partition: a partition that never produces holds the watermark back unless the watermark strategy declares
 * idleness — exactly as with Kafka.
 */
final class GeneratorReader implements SourceReader<SourceRecord, PartitionSplit> {

    private final GeneratorConfig config;
    private final MeasurementRecordGenerator generator;
    private final double emitSpacingNanos;
    private final List<PartitionCursor> cursors = new ArrayList<>();
    private int roundRobin;
    private boolean noMoreSplits;
    private CompletableFuture<Void> available = CompletableFuture.completedFuture(null);

    GeneratorReader(GeneratorConfig config) {
        this.config = config;
        this.generator = new MeasurementRecordGenerator(config);
        this.emitSpacingNanos = config.emitSpacingMicros() * 1000.0;
    }

    /** A split being read: where it stands and where its pacing started. */
    private static final class PartitionCursor {
        final PartitionSplit split;
        final long pacingStartNanos = System.nanoTime();
        final long pacingFirstOffset;
        long offset;
        SourceOutput<SourceRecord> output;

        PartitionCursor(PartitionSplit split) {
            this.split = split;
            this.offset = split.nextOffset();
            this.pacingFirstOffset = split.nextOffset();
        }
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<SourceRecord> output) {
        for (PartitionCursor c : cursors) {
            if (c.output == null) {
                c.output = output.createOutputForSplit(c.split.splitId());
            }
        }
        retireFinished(output);
        if (cursors.isEmpty()) {
            if (noMoreSplits) {
                return InputStatus.END_OF_INPUT;
            }
            available = new CompletableFuture<>();
            return InputStatus.NOTHING_AVAILABLE;
        }
        long nowNanos = System.nanoTime();
        long nowMs = System.currentTimeMillis();
        long earliestDueNanos = Long.MAX_VALUE;
        int n = cursors.size();
        for (int i = 0; i < n; i++) {
            int index = (roundRobin + i) % n;
            PartitionCursor c = cursors.get(index);
            if (isSilent(c)) {
                continue;
            }
            long due = dueNanos(c, nowNanos, nowMs);
            if (due <= nowNanos) {
                emit(c, nowMs);
                roundRobin = index + 1;
                return InputStatus.MORE_AVAILABLE;
            }
            earliestDueNanos = Math.min(earliestDueNanos, due);
        }
        CompletableFuture<Void> next = new CompletableFuture<>();
        available = next;
        if (earliestDueNanos != Long.MAX_VALUE) {
            // Complete on the JDK's timer thread itself: its default executor would start a thread per wake-up
            // on small machines (the common pool has no parallelism there).
            CompletableFuture.delayedExecutor(earliestDueNanos - nowNanos, TimeUnit.NANOSECONDS, Runnable::run)
                    .execute(() -> next.complete(null));
        }
        return InputStatus.NOTHING_AVAILABLE;
    }

    private void emit(PartitionCursor c, long nowMs) {
        long nominal = nominalTimestamp(c);
        long base = config.bounded() ? nominal : Math.min(nominal, nowMs);
        MeasurementRecordGenerator.Generated g = generator.generate(c.split.partition(), c.offset, base);
        long timestamp = g.measurement().timestamp;
        c.output.collect(new SourceRecord(c.split.partition(), c.offset, timestamp, g.value()), timestamp);
        c.offset++;
    }

    private long nominalTimestamp(PartitionCursor c) {
        return config.nominalTimestamp(c.split.originMs(), c.offset);
    }

    /** When the cursor's next record may be emitted; {@code Long.MIN_VALUE} when unthrottled. */
    private long dueNanos(PartitionCursor c, long nowNanos, long nowMs) {
        if (config.eventsPerSecond() == 0) {
            return Long.MIN_VALUE;
        }
        if (config.bounded()) {
            return c.pacingStartNanos + (long) ((c.offset - c.pacingFirstOffset) * emitSpacingNanos);
        }
        return nowNanos + (nominalTimestamp(c) - nowMs) * 1_000_000L;
    }

    /** An idle partition that has produced all it will produce (it stays assigned, like a quiet Kafka partition). */
    private boolean isSilent(PartitionCursor c) {
        return config.isIdle(c.split.partition()) && c.offset >= config.idleAfterRecords();
    }

    private void retireFinished(ReaderOutput<SourceRecord> output) {
        // Runs before every record: one plain pass, and nothing more unless a partition is done.
        boolean anyActive = false;
        boolean anyEnded = false;
        for (PartitionCursor c : cursors) {
            boolean ended = reachedEnd(c);
            anyEnded |= ended;
            anyActive |= !ended && !isSilent(c);
        }
        // In a bounded run an idle partition ends with the last active one of this reader, so the job ends.
        if (!anyEnded && !(config.bounded() && !anyActive && noMoreSplits)) {
            return;
        }
        for (Iterator<PartitionCursor> it = cursors.iterator(); it.hasNext(); ) {
            PartitionCursor c = it.next();
            boolean done = reachedEnd(c) || (config.bounded() && isSilent(c) && !anyActive && noMoreSplits);
            if (done) {
                if (c.output != null) {
                    output.releaseOutputForSplit(c.split.splitId());
                }
                it.remove();
            }
        }
    }

    private static boolean reachedEnd(PartitionCursor c) {
        return c.split.endOffset() != GeneratorConfig.UNBOUNDED && c.offset >= c.split.endOffset();
    }

    @Override
    public List<PartitionSplit> snapshotState(long checkpointId) {
        List<PartitionSplit> state = new ArrayList<>(cursors.size());
        for (PartitionCursor c : cursors) {
            state.add(c.split.atOffset(c.offset));
        }
        return state;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void addSplits(List<PartitionSplit> splits) {
        for (PartitionSplit split : splits) {
            cursors.add(new PartitionCursor(split));
        }
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        available.complete(null);
    }

    @Override
    public void close() {}
}

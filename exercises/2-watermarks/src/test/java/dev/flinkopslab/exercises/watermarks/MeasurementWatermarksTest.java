package dev.flinkopslab.exercises.watermarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.exercises.ShippedCode;
import dev.flinkopslab.exercises.watermarks.solution.MeasurementWatermarksSolution;
import dev.flinkopslab.source.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

/** The watermark strategies themselves, without a job: the bound they keep behind the data, and idleness. */
class MeasurementWatermarksTest {

    /** Watermarks a generator emits; the clock decides when a silent input counts as idle. */
    static final class Recorder implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark w) {
            watermarks.add(w.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }

        long last() {
            return watermarks.isEmpty() ? Long.MIN_VALUE : watermarks.get(watermarks.size() - 1);
        }
    }

    static WatermarkGenerator<SourceRecord> generator(WatermarkStrategy<SourceRecord> strategy, ManualClock clock) {
        MetricGroup metrics = new UnregisteredMetricsGroup();
        return strategy.createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
            @Override
            public MetricGroup getMetricGroup() {
                return metrics;
            }

            @Override
            public RelativeClock getInputActivityClock() {
                return clock;
            }
        });
    }

    static SourceRecord record(long timestamp) {
        return new SourceRecord(0, 0, timestamp, new byte[0]);
    }

    @Test
    void theSolutionStaysTheBoundBehindTheNewestRecordAndGoesIdleWhenSilent() {
        ManualClock clock = new ManualClock();
        WatermarkGenerator<SourceRecord> g = generator(MeasurementWatermarksSolution.strategy(), clock);
        Recorder out = new Recorder();
        g.onEvent(record(10_000), 10_000, out);
        g.onEvent(record(9_800), 9_800, out); // 200 ms behind the newest: must not move the watermark back
        g.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(10_000 - MeasurementWatermarksSolution.OUT_OF_ORDERNESS.toMillis() - 1);
        assertThat(9_800L).as("a record 200 ms behind is not late").isGreaterThan(out.last());

        clock.advanceTime(java.time.Duration.ofMillis(1)); // the idleness timer takes a clock reading of 0 for "not started"
        g.onPeriodicEmit(out); // no record since the last emit: the idleness timer starts
        clock.advanceTime(MeasurementWatermarksSolution.IDLE_TIMEOUT.plusMillis(100));
        g.onPeriodicEmit(out);
        assertThat(out.idle).as("silent for longer than the idle timeout").isTrue();
    }

    @Test
    void theSolutionDropsNoRecordOfDataUpTo200MsOutOfOrder() {
        LateRecordsHarness.Outcome outcome = LateRecordsHarness.run(MeasurementWatermarksSolution.strategy(),
                WatermarksExercise.CHECK_DATA, 2, 2_000, 1_000);
        assertThat(outcome.records()).isEqualTo(4_000);
        assertThat(outcome.late()).isZero();
    }

    @Test
    void asShippedTheBoundIs20MsAndASilentPartitionNeverGoesIdle() {
        ShippedCode.assumeShipped("the test of MeasurementWatermarks as shipped", new WatermarksExercise());
        ManualClock clock = new ManualClock();
        WatermarkGenerator<SourceRecord> g = generator(MeasurementWatermarks.strategy(), clock);
        Recorder out = new Recorder();
        g.onEvent(record(10_000), 10_000, out);
        g.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(10_000 - 20 - 1);

        clock.advanceTime(java.time.Duration.ofMillis(1));
        g.onPeriodicEmit(out);
        clock.advanceTime(java.time.Duration.ofMinutes(10));
        g.onPeriodicEmit(out);
        assertThat(out.idle).isFalse();
        LateRecordsHarness.Outcome outcome = LateRecordsHarness.run(MeasurementWatermarks.strategy(),
                WatermarksExercise.CHECK_DATA, 2, 2_000, 1_000);
        assertThat(outcome.late()).as("records up to 200 ms out of order against a 20 ms bound").isPositive();
    }
}

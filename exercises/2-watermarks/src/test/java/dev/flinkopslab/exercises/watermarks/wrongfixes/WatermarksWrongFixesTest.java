package dev.flinkopslab.exercises.watermarks.wrongfixes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.exercises.check.Figure;
import dev.flinkopslab.exercises.watermarks.WatermarksChecks;
import dev.flinkopslab.exercises.watermarks.solution.MeasurementWatermarksSolution;
import dev.flinkopslab.source.SourceRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.junit.jupiter.api.Test;

/**
 * Plausible wrong fixes of exercise 2, caught by the check's fast part: its harness runs the strategy over data
 * with a known out-of-orderness (up to 200 ms) and a watermark after every record. No job needed.
 */
class WatermarksWrongFixesTest {
    /** Idleness added, the 20 ms bound kept ("the sensors' clocks are synchronized"): windows fire, records are late. */
    static WatermarkStrategy<SourceRecord> idlenessOnly() {
        return WatermarkStrategy.<SourceRecord>forBoundedOutOfOrderness(Duration.ofMillis(20))
                .withIdleness(Duration.ofSeconds(2));
    }

    /**
     * A bound of 150 ms: "most records are within that". With watermarks every 200 ms the job drops few records or
     * none, so the late-record figure of the run can look fine; records up to 200 ms behind still get dropped.
     */
    static WatermarkStrategy<SourceRecord> boundBelowTheOutOfOrderness() {
        return WatermarkStrategy.<SourceRecord>forBoundedOutOfOrderness(Duration.ofMillis(150))
                .withIdleness(Duration.ofSeconds(2));
    }

    /** Timestamps taken from the wall clock when the record arrives: windows fire, but not with the readings' event time. */
    static WatermarkStrategy<SourceRecord> monotonousTimestamps() {
        return WatermarkStrategy.<SourceRecord>forMonotonousTimestamps().withIdleness(Duration.ofSeconds(2));
    }

    @Test
    void idlenessWithoutAWiderBoundFailsTheHarness() {
        Figure f = WatermarksChecks.lateInHarness(idlenessOnly());
        assertThat(f.met()).as(f.toString()).isFalse();
        assertThat(f.name()).startsWith("late records in a harness run");
        assertThat(f.value()).isGreaterThan(100);
    }

    @Test
    void aBoundBelowTheDatasOutOfOrdernessFailsTheHarness() {
        Figure f = WatermarksChecks.lateInHarness(boundBelowTheOutOfOrderness());
        assertThat(f.met()).as(f.toString()).isFalse();
        assertThat(f.value()).isPositive();
    }

    @Test
    void ascendingTimestampsFailTheHarness() {
        Figure f = WatermarksChecks.lateInHarness(monotonousTimestamps());
        assertThat(f.met()).as(f.toString()).isFalse();
    }

    @Test
    void theSolutionPassesTheHarness() {
        Figure f = WatermarksChecks.lateInHarness(MeasurementWatermarksSolution.strategy());
        assertThat(f.met()).as(f.toString()).isTrue();
    }
}

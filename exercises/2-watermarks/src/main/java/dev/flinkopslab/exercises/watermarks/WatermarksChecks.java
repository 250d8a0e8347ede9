package dev.flinkopslab.exercises.watermarks;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.check.Figure;
import dev.flinkopslab.source.SourceRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** The fast part of the check, on its own: for tests of wrong fixes, and for trying a strategy without a job. */
@DoNotChangeThis("the check's harness part")
public final class WatermarksChecks {
    private WatermarksChecks() {}

    /** "late records in a harness run …": the strategy over data up to 200 ms out of order, a watermark after each record. */
    public static Figure lateInHarness(WatermarkStrategy<SourceRecord> strategy) {
        return WatermarksExercise.lateInHarness(strategy);
    }
}

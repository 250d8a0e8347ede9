package dev.flinkopslab.exercises.latency.wrongfixes;

import dev.flinkopslab.exercises.latency.solution.WindowResultPartsSolution;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.source.SourceRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Wrong fix: "the watermark waits too long" — the solution, with the out-of-orderness bound cut to 20 ms.
 * Results leave soon after their window, but readings up to 200 ms out of order arrive after it fired and are
 * dropped as late: the window results count too few.
 */
public class ShortBoundParts extends WindowResultPartsSolution {
    @Override
    public WatermarkStrategy<SourceRecord> watermarks(PipelineConfig c) {
        return WatermarkStrategy.<SourceRecord>forBoundedOutOfOrderness(Duration.ofMillis(20)).withIdleness(c.idleTimeout);
    }
}

package dev.flinkopslab.exercises.metrics.wrongfixes;

import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.pipeline.CountInvalidRecords;
import dev.flinkopslab.pipeline.ParseMetrics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;

/**
 * Wrong fix: 'numInvalidRecords' counted once for the parse error and once more for the dead letter it became
 * — every malformed record counts twice: about 2.2 × the malformed share, just above the old band's 2.0, which a
 * noisy run could have passed.
 */
public class CountedTwice extends ParseMetrics {
    private transient Counter invalidRecords;

    @Override
    public void open(OpenContext openContext) {
        invalidRecords = getRuntimeContext().getMetricGroup().counter(CountInvalidRecords.INVALID_RECORDS_METRIC);
    }

    @Override
    public void invalidRecord(DeadLetter deadLetter) {
        invalidRecords.inc(); // the parse error
        if (deadLetter.reason != null) {
            invalidRecords.inc(); // the dead letter
        }
    }
}

package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;

/**
 * Counts malformed records in {@value #INVALID_RECORDS_METRIC}, on the deserializer's operator: with its
 * {@code numRecordsIn}, the share of malformed records. Open to extension so that the exercises' solutions
 * reuse it rather than copy it.
 */
public class CountInvalidRecords extends ParseMetrics {
    /** The counter of malformed records, the name dashboards and the exercises' checks look for. */
    public static final String INVALID_RECORDS_METRIC = "numInvalidRecords";

    private transient Counter invalidRecords;

    @Override
    public void open(OpenContext openContext) {
        invalidRecords = getRuntimeContext().getMetricGroup().counter(INVALID_RECORDS_METRIC);
    }

    @Override
    public void invalidRecord(DeadLetter deadLetter) {
        invalidRecords.inc();
    }
}

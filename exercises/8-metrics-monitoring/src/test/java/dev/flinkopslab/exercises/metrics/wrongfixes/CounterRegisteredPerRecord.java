package dev.flinkopslab.exercises.metrics.wrongfixes;

import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.pipeline.CountInvalidRecords;
import dev.flinkopslab.pipeline.ParseMetrics;

/**
 * Wrong fix: the counter is looked up where it is needed — registered anew for every malformed record. Flink
 * keeps the first registration of a name and hands out fresh, unreported counters after that ("Name
 * collision"), so 'numInvalidRecords' stays at one per subtask.
 */
public class CounterRegisteredPerRecord extends ParseMetrics {
    @Override
    public void invalidRecord(DeadLetter deadLetter) {
        getRuntimeContext().getMetricGroup().counter(CountInvalidRecords.INVALID_RECORDS_METRIC).inc();
    }
}

package dev.flinkopslab.exercises.metrics;

import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.pipeline.ParseMetrics;
import org.apache.flink.api.common.functions.OpenContext;

/**
 * Exercise 8 — metrics and monitoring. THIS IS ONE OF THE THREE FILES TO EDIT (with
 * {@link WindowResultMetrics} and {@link MetricsReporting}).
 *
 * <p>What the job's deserializer reports. The deserializer turns record values into measurements and sends
 * malformed ones to the dead-letter output; this class runs inside the deserializer's operator (opened with
 * it, on its metric group) and is handed every record it sends there. Run the job
 * ({@code ./lab exercise run 8}) and try to answer, from outside the job, the on-call questions in this
 * exercise's README: how many records are malformed right now, and how late do window results leave? Look at
 * the Web UI's Metrics tab of each operator, and at {@code curl http://localhost:9250/metrics}.
 * {@code ./lab check 8} measures whether a monitoring system could answer them.
 */
public class DeserializerMetrics extends ParseMetrics {
    @Override
    public void open(OpenContext openContext) {}

    @Override
    public void invalidRecord(DeadLetter deadLetter) {
        // The record is in the dead-letter output already; that is where we look when something goes wrong.
    }
}

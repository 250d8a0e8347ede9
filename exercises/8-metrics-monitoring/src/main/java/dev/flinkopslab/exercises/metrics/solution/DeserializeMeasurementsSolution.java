package dev.flinkopslab.exercises.metrics.solution;

import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.pipeline.ParseMeasurements;
import org.apache.flink.util.OutputTag;

/**
 * Exercise 8, solved (deserializer): a dead-letter output keeps the bad records, but nobody watches a
 * directory of files. A counter makes them a number a monitoring system can rate, graph and alert on
 * ("more than 1% of records malformed for 5 minutes"). Registered once in {@code open}, on the operator's
 * metric group: Flink reports it per subtask, with the job, task and operator as labels.
 *
 * <p>The reference pipeline's deserializer does exactly that, so the solution is that class: read
 * {@link ParseMeasurements#open} (the counter {@value ParseMeasurements#INVALID_RECORDS_METRIC}) and its
 * {@code processElement} ({@code inc()} in the {@code catch}).
 */
public class DeserializeMeasurementsSolution extends ParseMeasurements {
    public DeserializeMeasurementsSolution(OutputTag<DeadLetter> deadLetters) {
        super(deadLetters);
    }
}

package dev.flinkopslab.exercises.metrics.solution;

import dev.flinkopslab.pipeline.CountInvalidRecords;

/**
 * Exercise 8, solved (deserializer): a dead-letter output keeps the bad records, but nobody watches a
 * directory of files. A counter makes them a number a monitoring system can rate, graph and alert on
 * ("more than 1% of records malformed for 5 minutes"). Registered once in {@code open}, on the operator's
 * metric group: Flink reports it per subtask, with the job, task and operator as labels; on the
 * deserializer's operator, so that its {@code numRecordsIn} gives the share.
 *
 * <p>The reference pipeline does exactly that, so the solution is its class: read
 * {@link CountInvalidRecords#open} (the counter {@value CountInvalidRecords#INVALID_RECORDS_METRIC}) and
 * {@link CountInvalidRecords#invalidRecord} ({@code inc()}).
 */
public class DeserializerMetricsSolution extends CountInvalidRecords {}

package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.DeadLetter;
import org.apache.flink.api.common.functions.AbstractRichFunction;

/**
 * What the deserializer reports about the records it reads, kept apart from how it parses them: the pipeline
 * runs it inside the deserializer's operator (same subtask, same metric group, opened and closed with it) and
 * hands it every record the deserializer sends to {@link MeasurementPipeline#DEAD_LETTERS}. So one piece of
 * code decides what a malformed record does to the job (the deserializer) and another what the job says
 * about it (this), and either can be replaced without the other. Register metrics in {@link #open} through
 * {@code getRuntimeContext().getMetricGroup()}. The reference is {@link CountInvalidRecords}.
 */
public abstract class ParseMetrics extends AbstractRichFunction {
    /** A record the deserializer could not parse, as it sent it to the dead letters. */
    public abstract void invalidRecord(DeadLetter deadLetter);
}

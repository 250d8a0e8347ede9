package dev.flinkopslab.exercises.failures.solution;

import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.pipeline.CountInvalidRecords;
import dev.flinkopslab.pipeline.ParseMeasurements;
import org.apache.flink.util.OutputTag;

/**
 * Exercise 1, solved: a bad record is data, not a reason to fail. Throwing fails the task, the job restarts
 * from its last checkpoint, reads the same record again and throws again — a restart loop that makes no
 * progress. Instead: send it, with where it came from and why, to the dead-letter side output, where it can
 * be inspected and replayed — and where the job's parse metrics ({@link CountInvalidRecords}) count it in
 * {@code numInvalidRecords}, so it shows in metrics and alerts.
 *
 * <p>That is what the reference pipeline's deserializer does, so the solution is that class: read
 * {@link ParseMeasurements#processElement} — the {@code catch} hands the record to
 * {@code ctx.output(deadLetters, ...)} instead of throwing.
 */
public class ParseRecordsSolution extends ParseMeasurements {
    public ParseRecordsSolution(OutputTag<DeadLetter> deadLetters) {
        super(deadLetters);
    }
}

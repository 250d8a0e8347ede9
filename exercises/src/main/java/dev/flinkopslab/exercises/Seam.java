package dev.flinkopslab.exercises;

import dev.flinkopslab.pipeline.PipelineParts;

/**
 * The places of the troubled job an exercise's learner code fills: the table {@link TroubledStreamingJob} is
 * built from. Each exercise declares its seams ({@link Exercise#seams}); a seam has one owner at most, or the
 * troubled job refuses to be built. A seam no exercise owns keeps the reference part.
 *
 * <p>The seams do not overlap: each is one method of {@link PipelineParts} ({@link #part}), or one step or
 * one group of settings where those methods compose (steps before the windows run one after the other, in
 * this order; settings are applied one after the other, in this order, and touch different options).
 * Exercises 1 and 8 both deal with malformed records, and exercises 3 and 8 both with window results, so the
 * deserializer and the window side are each split in two: exercise 1 owns what a malformed record does to
 * the job ({@link #PARSE}: throw, or send it to the dead letters), exercise 8 what the job reports about it
 * ({@link #PARSE_METRICS}, which the pipeline runs inside the deserializer's operator); exercise 3 owns how a
 * window's result is computed ({@link #WINDOW_FUNCTION}), exercise 8 what a result reports as it leaves
 * ({@link #RESULT_METRICS}, run chained to the window operator). That keeps each lesson whole — exercise 1
 * is about not failing, exercise 8 about being seen, exercise 3 about when results leave — and lets each
 * learner file run in the troubled job beside the others.
 */
public enum Seam {
    WATERMARKS(Kind.PART, "watermarks", "how the source tracks event time"),
    PARSE(Kind.PART, "deserializer", "a record's value to a measurement, and what a malformed one does to the job"),
    PARSE_METRICS(Kind.PART, "parseMetrics", "what the deserializer reports about the records it cannot parse"),
    CLEANING(Kind.STEP, "beforeWindows", "cleaning steps before the windows (calibration, resends)"),
    DEDUPLICATION(Kind.STEP, "beforeWindows", "a keyed deduplication step before the windows"),
    WINDOW_FUNCTION(Kind.PART, "aggregate", "how a window's result is computed"),
    RESULT_METRICS(Kind.PART, "resultMetrics", "what a window result reports as it leaves the window operator"),
    LATENCY_SETTINGS(Kind.SETTINGS, "configure", "watermark interval and network buffer timeout"),
    OBJECT_REUSE(Kind.SETTINGS, "configure", "object reuse, the cluster's setting"),
    CHECKPOINT_SETTINGS(Kind.SETTINGS, "configure", "state backend and checkpointing"),
    METRIC_REPORTERS(Kind.SETTINGS, "configure", "metric reporters");

    /** How a seam's owner takes part in the troubled job. */
    public enum Kind {
        /** The owner's {@link PipelineParts} method replaces the reference's. */
        PART,
        /** The owner's {@code beforeWindows} runs as a step, after those of earlier seams. */
        STEP,
        /** The owner's {@code configure} runs, after those of earlier seams. */
        SETTINGS
    }

    private final Kind kind;
    private final String part;
    private final String description;

    Seam(Kind kind, String part, String description) {
        this.kind = kind;
        this.part = part;
        this.description = description;
    }

    public Kind kind() {
        return kind;
    }

    /** The name of the {@link PipelineParts} method through which the owner's code enters the job. */
    public String part() {
        return part;
    }

    public String description() {
        return description;
    }
}

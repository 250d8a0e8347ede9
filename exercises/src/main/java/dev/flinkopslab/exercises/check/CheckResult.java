package dev.flinkopslab.exercises.check;

import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one check: the figures measured against their targets, a hint for a failure, an error when
 * the job could not run at all, and figures over time for the report's plots.
 */
public final class CheckResult {
    public final int exercise;
    public final String slug;
    public final String title;
    public final Variant variant;
    public final List<Figure> figures = new ArrayList<>();
    /** Name → points (seconds since start, value). */
    public final Map<String, List<double[]>> series = new LinkedHashMap<>();
    public String hint = "";
    public String error;
    public long finishedAtMillis;
    public double seconds;

    public CheckResult(Exercise exercise, Variant variant) {
        this.exercise = exercise.number();
        this.slug = exercise.slug();
        this.title = exercise.title();
        this.variant = variant;
    }

    public CheckResult figure(Figure figure) {
        figures.add(figure);
        return this;
    }

    public CheckResult hint(String hint) {
        this.hint = hint;
        return this;
    }

    public CheckResult point(String seriesName, double secondsSinceStart, double value) {
        series.computeIfAbsent(seriesName, k -> new ArrayList<>()).add(new double[] {secondsSinceStart, value});
        return this;
    }

    /** PASS needs the job to have run and every figure to meet its target. */
    public boolean passed() {
        return error == null && !figures.isEmpty() && figures.stream().allMatch(Figure::met);
    }
}

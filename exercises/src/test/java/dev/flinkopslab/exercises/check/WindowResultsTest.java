package dev.flinkopslab.exercises.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.testing.ExpectedResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The comparison every check makes of a job's window results with the reference; and figures without a value. */
class WindowResultsTest {
    static final GeneratorConfig DATA = GeneratorConfig.builder().seed(7).maxRecords(8_000).build();

    static Map<String, WindowResult> reference() {
        return WindowResults.expected(DATA, DATA.resolveOrigin(0), Long.MAX_VALUE, PipelineConfig.defaults(), m -> m);
    }

    @Test
    void theReferenceItselfIsEqualAndSurvivesTheCsvRoundTrip() {
        Map<String, WindowResult> expected = reference();
        List<String> lines = ExpectedResults.windowLines(DATA, 1_000);
        WindowResults.Comparison c = WindowResults.compare(expected, WindowResults.parseCsv(lines));
        assertThat(c.errors()).isZero();
        assertThat(c.compared()).isEqualTo(expected.size()).isEqualTo(lines.size());
        assertThat(c.figure(1).met()).isTrue();
        assertThat(c.figure(1).name()).startsWith("window results equal to the reference: 0 wrong, 0 missing, 0 duplicated");
    }

    @Test
    void countsWrongMissingAndDuplicatedWindows() {
        List<WindowResult> actual = new ArrayList<>(reference().values());
        WindowResult dropped = actual.remove(0);
        WindowResult changed = actual.get(0);
        actual.set(0, new WindowResult(changed.location, changed.windowStart, changed.windowEnd, changed.count - 1,
                changed.sumCenti, changed.minCenti, changed.maxCenti));
        actual.add(actual.get(1));
        actual.add(actual.get(1));
        actual.add(new WindowResult("Atlantis", 0, 1_000, 1, 1, 1, 1));

        WindowResults.Comparison c = WindowResults.compare(reference(), actual);

        assertThat(c.missing()).as("missing").isEqualTo(1);
        assertThat(c.duplicated()).as("duplicated").isEqualTo(2);
        assertThat(c.wrong()).as("wrong, and a window the reference has not").isEqualTo(2);
        Figure f = c.figure(1);
        assertThat(f.met()).isFalse();
        assertThat(f.name()).contains("2 wrong, 1 missing, 2 duplicated");
        assertThat(dropped).isNotNull();
    }

    @Test
    void aWindowMayLeaveOutOptionalReadingsAndWindowsAfterTheHorizonAreNotCompared() {
        // The first reading of the data is optional (as a reading sharing sensor and timestamp with another is).
        WindowResults.Reference reference = WindowResults.reference(DATA, DATA.resolveOrigin(0), Long.MAX_VALUE,
                PipelineConfig.defaults(), m -> m, all -> {
                    Set<Measurement> first = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                    first.add(all.get(0));
                    return first;
                });
        String key = reference.optional().keySet().iterator().next();
        WindowResult full = reference.windows().get(key);
        List<Measurement> readings = reference.readings().get(key);
        Measurement optional = reference.optional().get(key).get(0);
        Measurement other = readings.stream().filter(m -> m != optional).findFirst().orElseThrow();

        List<WindowResult> withoutOptional = new ArrayList<>(reference.windows().values());
        withoutOptional.replaceAll(w -> w == full ? without(full, readings, optional) : w);
        assertThat(WindowResults.compare(reference, withoutOptional, Long.MAX_VALUE).errors()).isZero();

        List<WindowResult> withoutAnother = new ArrayList<>(reference.windows().values());
        withoutAnother.replaceAll(w -> w == full ? without(full, readings, other) : w);
        assertThat(WindowResults.compare(reference, withoutAnother, Long.MAX_VALUE).wrong()).isEqualTo(1);

        long horizon = full.windowEnd - 1;
        Map<String, WindowResult> before = new java.util.HashMap<>(reference.windows());
        before.values().removeIf(w -> w.windowEnd > horizon);
        assertThat(WindowResults.compare(new WindowResults.Reference(before, Map.of(), Map.of()), withoutAnother, horizon)
                .errors()).as("the changed window ends after the horizon").isZero();
    }

    static WindowResult without(WindowResult w, List<Measurement> readings, Measurement leftOut) {
        List<Measurement> rest = new ArrayList<>(readings);
        rest.removeIf(m -> m == leftOut);
        return ExpectedResults.windows(rest, 1_000).get(ExpectedResults.windowKey(w));
    }

    @Test
    void aRunWithNothingToCompareIsNotMeasuredRatherThanMet() {
        Figure f = WindowResults.compare(Map.of(), List.of()).figure(20);
        assertThat(f.met()).isFalse();
        assertThat(f.formattedValue()).isEqualTo("not measured: 0 windows to compare, fewer than the 20 needed");
    }

    @Test
    void aFigureWithoutAValueSaysWhatIsMissingInsteadOfNaN() {
        Figure growth = Figure.atMost("checkpoint size growth", Double.NaN, "×", 2).ifNaN("fewer than two checkpoints");
        assertThat(growth.met()).isFalse();
        assertThat(growth.formattedValue()).isEqualTo("not measured: fewer than two checkpoints");
        assertThat(growth.target()).isEqualTo("≤ 2 ×");
        assertThat(Figure.atMost("p99", 12.5, "ms", 400).ifNaN("no results").formattedValue()).isEqualTo("12.500 ms");
    }
}

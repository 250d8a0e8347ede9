package dev.flinkopslab.exercises.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.exercises.ShippedCode;
import dev.flinkopslab.exercises.check.Figure;
import dev.flinkopslab.exercises.reuse.solution.CleanReadingsSolution;
import dev.flinkopslab.exercises.reuse.wrongfixes.CopiesButRefillsItsOutput;
import dev.flinkopslab.exercises.reuse.wrongfixes.NewObjectsButKeepsItsInput;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.PipelineConfig;
import java.util.List;
import dev.flinkopslab.pipeline.PipelineParts;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The cleaning steps in Flink's operator harness, fast: the calibration and the resend filter themselves, and
 * the check's harness part on the solution, the code as shipped and two wrong fixes.
 */
class CleanReadingsTest {

    static Measurement reading(String sensor, long timestamp, long valueCenti, String firmware) {
        return new Measurement(sensor, "Berlin", 52.5, 13.4, timestamp, valueCenti, "°C", 80, firmware);
    }

    /** Step {@code index} of the parts' cleaning (0 calibrate, 1 drop resends) in Flink's operator harness. */
    @SuppressWarnings("unchecked")
    static OneInputStreamOperatorTestHarness<Measurement, Measurement> step(PipelineParts parts, int index) throws Exception {
        var step = ReuseHarness.steps(parts, PipelineConfig.defaults()).get(index);
        return new OneInputStreamOperatorTestHarness<>((StreamOperatorFactory<Measurement>) step.getOperatorFactory(), 1, 1, 0);
    }

    @Test
    void theSolutionCalibratesFirmware20AndDropsAReadingSentTwiceInARow() throws Exception {
        try (OneInputStreamOperatorTestHarness<Measurement, Measurement> calibrate =
                     step(new CleanReadingsSolution(), 0)) {
            calibrate.open();
            calibrate.processElement(reading("BER-001", 1_000, 2_000, "2.0.3"), 1_000);
            calibrate.processElement(reading("BER-002", 1_000, 2_000, "2.1.0"), 1_000);
            assertThat(calibrate.extractOutputValues()).extracting(m -> m.valueCenti).containsExactly(1_960L, 2_000L);
        }
        try (OneInputStreamOperatorTestHarness<Measurement, Measurement> drop =
                     step(new CleanReadingsSolution(), 1)) {
            drop.open();
            Measurement shared = reading("BER-001", 1_000, 2_000, "2.1.0");
            drop.processElement(new StreamRecord<>(shared, 1_000));
            drop.processElement(new StreamRecord<>(shared, 1_000)); // the same reading again, in the same object
            shared.timestamp = 1_500;                                 // the object refilled with the next reading
            drop.processElement(new StreamRecord<>(shared, 1_500));
            assertThat(drop.extractOutputValues()).extracting(m -> m.timestamp).containsExactly(1_000L, 1_500L);
        }
    }

    @Test
    void theSolutionPassesTheReuseHarness() throws Exception {
        List<Figure> figures = ObjectReuseExercise.harnessFigures(new CleanReadingsSolution(), PipelineConfig.defaults());
        assertThat(figures).allMatch(Figure::met, "met");
        assertThat(figures.get(0).name()).contains(ObjectReuseExercise.HARNESS_READINGS + " out");
    }

    @Test
    void asShippedTheFilterSeesTheCalibrationsOneObjectAndDropsEveryReadingAfterTheFirst() throws Exception {
        ShippedCode.assumeShipped("the test of CleanReadings as shipped", new ObjectReuseExercise());
        try (OneInputStreamOperatorTestHarness<Measurement, Measurement> drop =
                     step(new CleanReadings(), 1)) {
            drop.open();
            Measurement shared = reading("BER-001", 1_000, 2_000, "2.1.0");
            drop.processElement(new StreamRecord<>(shared, 1_000));
            shared.timestamp = 1_500;
            drop.processElement(new StreamRecord<>(shared, 1_500));
            assertThat(drop.extractOutputValues()).hasSize(1);
        }
        List<Figure> figures = ObjectReuseExercise.harnessFigures(new CleanReadings(), PipelineConfig.defaults());
        assertThat(figures).noneMatch(Figure::met);
    }

    @Test
    void keepingTheInputObjectFailsTheHarnessThoughTodaysJobIsRight() throws Exception {
        List<Figure> figures = ObjectReuseExercise.harnessFigures(new NewObjectsButKeepsItsInput(), PipelineConfig.defaults());
        assertThat(figures.get(0).name()).startsWith("readings out of the cleaning steps that change");
        assertThat(figures.get(0).met()).as(figures.get(0).toString()).isFalse();
        assertThat(figures.get(1).met()).isTrue();
    }

    @Test
    void refillingTheOutputObjectFailsTheHarness() throws Exception {
        List<Figure> figures = ObjectReuseExercise.harnessFigures(new CopiesButRefillsItsOutput(), PipelineConfig.defaults());
        assertThat(figures.get(0).met()).as(figures.get(0).toString()).isTrue();
        assertThat(figures.get(1).name()).startsWith("steps that change an object after returning it").contains("Calibrate");
        assertThat(figures.get(1).met()).isFalse();
    }
}

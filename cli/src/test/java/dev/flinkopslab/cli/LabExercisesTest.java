package dev.flinkopslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.exercises.Exercises;
import org.junit.jupiter.api.Test;

/** The exercise commands: the list, and one clear line for an exercise that does not exist. */
class LabExercisesTest {

    @Test
    void exercisesListsEveryExerciseWithItsStatus() {
        LabRun r = LabRun.of("exercises");
        assertThat(r.exitCode()).isZero();
        Exercises.all().forEach(e -> assertThat(r.out()).contains(e.title()));
        assertThat(r.out()).containsAnyOf("not tried", "PASS", "FAIL");
    }

    @Test
    void unknownExerciseIsOneLineListingTheRealOnes() {
        for (String[] args : new String[][] {{"check", "99"}, {"exercise", "run", "nope"}}) {
            LabRun r = LabRun.of(args);
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString().contains("no exercise").contains("'lab exercises' lists them");
        }
    }

    @Test
    void checkReportsAFailingExerciseWithExitCodeOneAndItsFigures() {
        LabRun r = LabRun.of("check", "1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("restarts").contains("FAIL").contains("Hint:");
    }

    @Test
    void capacityNeedsAPositiveTargetRate() {
        for (String[] args : new String[][] {{"capacity"}, {"capacity", "--target-rate", "-1"},
                {"capacity", "--target-rate", "1000", "--job", "mine"}}) {
            LabRun r = LabRun.of(args);
            assertThat(r.exitCode()).as("%s", String.join(" ", args)).isEqualTo(2);
            assertThat(r.errLines()).as("%s", String.join(" ", args)).singleElement().asString().startsWith("lab capacity: ");
        }
    }

    @Test
    void runAllTakesNoSolutionFlag() {
        LabRun r = LabRun.of("exercise", "run", "all", "--solution");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--solution goes with one exercise");
    }
}

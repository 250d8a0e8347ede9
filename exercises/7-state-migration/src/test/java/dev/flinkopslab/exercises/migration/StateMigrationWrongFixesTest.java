package dev.flinkopslab.exercises.migration;

import static dev.flinkopslab.exercises.check.CheckAssertions.assertFailsOn;

import dev.flinkopslab.exercises.migration.wrongfixes.LowBatteryFromTheMinimum;
import dev.flinkopslab.exercises.migration.wrongfixes.RenamedState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plausible wrong fixes of exercise 7 that the measured check must FAIL, with the figure that catches each. */
class StateMigrationWrongFixesTest {
    @TempDir
    Path reports;

    @Test
    void aRenamedStateRestoresButLosesEverySensorsStatistics() {
        assertFailsOn(new StateMigrationExercise(), StateMigrationExercise.withStatistics(new RenamedState()), reports,
                "sensors whose state differs after the restore");
    }

    @Test
    void lowBatteryCountedFromTheSensorsMinimum() {
        assertFailsOn(new StateMigrationExercise(), StateMigrationExercise.withStatistics(new LowBatteryFromTheMinimum()),
                reports, "numLowBatteryReadings");
    }
}

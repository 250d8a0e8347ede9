package dev.flinkopslab.exercises.migration;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.exercises.check.CheckContext;
import dev.flinkopslab.exercises.check.CheckRun;
import dev.flinkopslab.pipeline.PipelineConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Production before the upgrade: version 1 runs for a few seconds on its own embedded cluster and is stopped
 * with a savepoint, as {@code flink stop --savepointPath} does before a new version is deployed.
 */
@DoNotChangeThis("stands for production: version 1 and the savepoint it leaves")
final class V1Deployment {
    private static final Duration RUN_FOR = Duration.ofSeconds(5);

    private V1Deployment() {}

    /** Runs version 1 with {@code c}'s data and settings and returns the savepoint it was stopped with. */
    static Path savepoint(PipelineConfig c, PrintStream progress) {
        try {
            Path dir = Files.createDirectories(labDir().resolve("exercise-7").resolve("v1-" + System.currentTimeMillis()));
            long records = Math.max(c.generator.eventsPerSecond(), 2_000) * RUN_FOR.toSeconds();
            progress.println("exercise 7: production runs version 1; reading " + records
                    + " records, then stopping it with a savepoint for version 2 ...");
            PipelineConfig v1 = c.toBuilder().jobName(c.jobName + "-v1").build();
            try (CheckRun run = CheckRun.start(v1, StateMigrationExercise.withStatistics(new SensorStatisticsV1()),
                    new CheckContext(dir, progress))) {
                if (!UpgradeSteps.awaitAllRead(run, records, Duration.ofSeconds(60))) {
                    throw new IllegalStateException("version 1 did not get going: " + run.status());
                }
                Path savepoint = run.stopWithSavepoint(dir.resolve("savepoints"));
                progress.println("exercise 7: version 1 stopped with savepoint " + savepoint
                        + "; version 2 starts from it (execution.state-recovery.path)");
                return savepoint;
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not take version 1's savepoint: " + e.getMessage(), e);
        }
    }

    private static Path labDir() {
        String home = System.getProperty("lab.home");
        return home != null ? Path.of(home, ".lab") : Path.of(System.getProperty("java.io.tmpdir"), "flink-ops-lab");
    }
}

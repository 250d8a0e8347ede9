package dev.flinkopslab.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.exercises.check.CheckContext;
import dev.flinkopslab.exercises.check.CheckRun;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The troubled job shows its symptoms: it keeps failing, and while two partitions are silent no window fires —
 * as shipped, so only while the files of exercises 1 and 2 are ({@link ShippedCode}).
 */
class TroubledStreamingJobTest {

    @Test
    void theTroubledJobRestartsAndFiresNoWindow(@TempDir Path work) throws Exception {
        ShippedCode.assumeShipped("the test that the troubled job restarts and fires no window",
                Exercises.byNumber(1).orElseThrow(), Exercises.byNumber(2).orElseThrow());
        CheckContext context = new CheckContext(work, System.out);
        try (CheckRun run = CheckRun.start(TroubledStreamingJob.config(), new TroubledStreamingJob(), context)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (run.failures() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(run.failures()).as("failures within 60 s").isGreaterThanOrEqualTo(2);
            assertThat(run.failureCause()).contains("Cannot parse record");
            run.stop();
            assertThat(run.windows()).isEmpty();
        }
    }
}

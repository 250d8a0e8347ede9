package dev.flinkopslab.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pid file's process counts as ours only while its command line carries our markers — on real processes. */
class OwnProcessesTest {

    @Test
    void aLiveProcessWithTheMarkerIsOursEvenPastFourThousandCharacters(@TempDir Path dir) throws Exception {
        // A command line longer than the 4,096 characters Java's ProcessHandle reports, marker at its end,
        // as a Flink or Kafka JVM's '-c <conf dir>' comes after its classpath. A compound command, so that the
        // shell stays this process rather than exec'ing sleep in its place.
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "sleep 60; exit 0", "padding"));
        cmd.add("x".repeat(6_000));
        cmd.add("--marker=" + dir);
        Process p = new ProcessBuilder(cmd).start();
        try {
            Path pidFile = Files.writeString(dir.resolve("p.pid"), p.pid() + "\n");
            assertThat(OwnProcesses.fromPidFile(pidFile, "--marker=" + dir)).map(ProcessHandle::pid).contains(p.pid());
            assertThat(OwnProcesses.fromPidFile(pidFile, "sleep 60", "--marker=" + dir)).as("every marker").isPresent();
            assertThat(OwnProcesses.fromPidFile(pidFile, "--marker=/elsewhere")).as("someone else's").isEmpty();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
        Path pidFile = dir.resolve("p.pid");
        assertThat(OwnProcesses.fromPidFile(pidFile, "--marker=" + dir)).as("ended").isEmpty();
    }

    @Test
    void aMissingOrGarbledPidFileNamesNoProcess(@TempDir Path dir) throws Exception {
        assertThat(OwnProcesses.fromPidFile(dir.resolve("absent.pid"), "x")).isEmpty();
        assertThat(OwnProcesses.fromPidFile(Files.writeString(dir.resolve("bad.pid"), "not a pid"), "x")).isEmpty();
    }
}

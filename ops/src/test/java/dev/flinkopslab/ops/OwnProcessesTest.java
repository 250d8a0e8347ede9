package dev.flinkopslab.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pid file's process counts as ours only while its command line carries our markers; stopping ends ours and
 * nothing else, with SIGKILL for one that ignores SIGTERM — on real processes. Ports and classpath files too.
 */
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

    @Test
    void stoppingOursEndsItWithSigtermAndDeletesItsPidFile(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "sleep 60; exit 0", "--marker=" + dir).start();
        List<ProcessHandle> children = awaitChildren(p);
        try {
            Path pidFile = Files.writeString(dir.resolve("p.pid"), p.pid() + "\n");
            long started = System.nanoTime();
            assertThat(OwnProcesses.stop(pidFile, Duration.ofSeconds(20), "--marker=" + dir)).contains(p.pid());
            assertThat(p.waitFor(5, TimeUnit.SECONDS)).as("ended").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("SIGTERM was enough").isLessThan(Duration.ofSeconds(10));
            assertThat(p.exitValue()).as("ended by SIGTERM (128 + 15)").isEqualTo(143);
            assertThat(pidFile).doesNotExist();
        } finally {
            children.forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void aStrangerBehindOurPidFileIsNotStopped(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "sleep 60; exit 0", "--marker=/elsewhere").start();
        List<ProcessHandle> children = awaitChildren(p);
        try {
            Path pidFile = Files.writeString(dir.resolve("p.pid"), p.pid() + "\n");
            assertThat(OwnProcesses.stop(pidFile, Duration.ofSeconds(5), "--marker=" + dir)).isEmpty();
            assertThat(p.isAlive()).as("not ours, not touched").isTrue();
            assertThat(pidFile).as("the stale pid file is gone").doesNotExist();
        } finally {
            children.forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledAfterTheTimeout(@TempDir Path dir) throws Exception {
        // The shell ignores TERM and says so once it has; only then is the signal sent.
        Path ready = dir.resolve("ready");
        Process stubborn = new ProcessBuilder("sh", "-c",
                "trap '' TERM; touch " + ready + "; while true; do sleep 0.1; done").start();
        Process willing = new ProcessBuilder("sleep", "60").start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Files.exists(ready) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ready).as("the shell has set its trap").exists();
            long started = System.nanoTime();
            List<Long> killed = OwnProcesses.stop(List.of(stubborn.toHandle(), willing.toHandle()), Duration.ofSeconds(1));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(killed).as("only the one that ignored SIGTERM needed SIGKILL").containsExactly(stubborn.pid());
            assertThat(stubborn.waitFor(5, TimeUnit.SECONDS) && willing.waitFor(5, TimeUnit.SECONDS)).as("both ended").isTrue();
            assertThat(stubborn.exitValue()).as("ended by SIGKILL (128 + 9)").isEqualTo(137);
            assertThat(willing.exitValue()).as("ended by SIGTERM").isEqualTo(143);
            assertThat(took).as("waited for the timeout, not much longer").isBetween(Duration.ofMillis(900), Duration.ofSeconds(8));
        } finally {
            stubborn.descendants().forEach(ProcessHandle::destroyForcibly);
            stubborn.destroyForcibly().waitFor();
            willing.destroyForcibly().waitFor();
        }
    }

    @Test
    void aPortSomeoneListensOnIsNotFree() throws Exception {
        int port;
        try (ServerSocket loopback = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = loopback.getLocalPort();
            assertThat(OwnProcesses.portFree(port)).as("taken on the loopback address").isFalse();
            assertThatThrownBy(() -> OwnProcesses.requireFree(port, "REST port"))
                    .isInstanceOf(OwnProcesses.PortInUseException.class)
                    .hasMessage("REST port " + port + " is already in use")
                    .extracting(e -> ((OwnProcesses.PortInUseException) e).port()).isEqualTo(port);
        }
        assertThat(OwnProcesses.portFree(port)).as("free again once closed").isTrue();
        try (ServerSocket wildcard = new ServerSocket(0)) {
            assertThat(OwnProcesses.portFree(wildcard.getLocalPort())).as("taken on all addresses").isFalse();
        }
    }

    @Test
    void aClasspathFileIsReadOrNamedAsMissing(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.classpath"), "/a.jar:/b.jar\n");
        assertThat(OwnProcesses.classpath(file)).isEqualTo("/a.jar:/b.jar");
        Path missing = dir.resolve("missing.classpath");
        assertThatThrownBy(() -> OwnProcesses.classpath(missing))
                .isInstanceOf(OwnProcesses.MissingClasspathException.class).hasMessageContaining(missing.toString())
                .extracting(e -> ((OwnProcesses.MissingClasspathException) e).file()).isEqualTo(missing);
        assertThatThrownBy(() -> OwnProcesses.classpath(Files.writeString(dir.resolve("empty.classpath"), "\n")))
                .as("an empty file is no classpath").isInstanceOf(OwnProcesses.MissingClasspathException.class);
    }

    /** The shell's sleep, so that it can be ended too once the shell (stopped by the test) no longer lists it. */
    private static List<ProcessHandle> awaitChildren(Process shell) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (shell.children().findAny().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return shell.descendants().toList();
    }
}

package dev.flinkopslab.platform.deployments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/** Waiting on a condition, and on a LOCAL cluster's processes being gone: what the LOCAL-target tests share. */
final class ClusterWaits {
    private ClusterWaits() {}

    interface Condition {
        boolean holds() throws Exception;
    }

    static void await(Condition condition, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(250);
        }
    }

    /** The cluster in {@code clusterDir} has no process left: its pid files name none that is alive. */
    static void awaitNoProcesses(Path clusterDir, Duration timeout) throws Exception {
        Path pids = clusterDir.resolve("pids");
        await(() -> {
            if (!Files.isDirectory(pids)) {
                return true;
            }
            try (Stream<Path> files = Files.list(pids)) {
                return files.map(ClusterWaits::pid).noneMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
            }
        }, timeout, "no process of the cluster in " + clusterDir + " is alive");
    }

    private static long pid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

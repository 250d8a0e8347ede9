package dev.flinkopslab.platform.deployments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
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
                return files.map(ClusterWaits::pid).noneMatch(p -> p.isPresent()
                        && ProcessHandle.of(p.getAsLong()).map(ProcessHandle::isAlive).orElse(false));
            }
        }, timeout, "no process of the cluster in " + clusterDir + " is alive");
    }

    /** The pid a file names; none when the cluster's stop deleted the file between the listing and the read. */
    private static OptionalLong pid(Path file) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file).strip()));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.flinkopslab.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What starting and ending the processes we launch (the cluster's JVMs, the Kafka broker) needs, in one place:
 * whether a port is free, the classpath file Maven resolved for them, whether the pid in a pid file is still
 * the process we started, and stopping it. A pid can be reused by the system, and stopping a stranger is the
 * one thing the tooling must never do: a process counts as ours only while its command line carries our markers.
 */
public final class OwnProcesses {
    /** How long a process may take to end after SIGKILL before stopping counts as failed. */
    static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private OwnProcesses() {}

    /** The live process {@code pidFile} names, if its command line contains every one of {@code markers}. */
    public static Optional<ProcessHandle> fromPidFile(Path pidFile, String... markers) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> {
            String commandLine = fullCommandLine(p);
            for (String marker : markers) {
                if (!commandLine.contains(marker)) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Ends the process {@code pidFile} names if it is ours (see {@link #fromPidFile}), as {@link #stop(Collection,
     * Duration)} does, and deletes the pid file either way. Returns the pid it stopped, empty if none was ours.
     */
    public static Optional<Long> stop(Path pidFile, Duration timeout, String... markers) {
        Optional<ProcessHandle> process = fromPidFile(pidFile, markers);
        try {
            process.ifPresent(p -> stop(List.of(p), timeout));
            return process.map(ProcessHandle::pid);
        } finally {
            deleteQuietly(pidFile);
        }
    }

    /**
     * Ends {@code processes} (found by {@link #fromPidFile}): SIGTERM to all of them at once, so they shut down
     * cleanly side by side; SIGKILL to those still alive after {@code timeout}. Returns the pids that needed the
     * SIGKILL; throws if any is still alive 10 s after it.
     */
    public static List<Long> stop(Collection<ProcessHandle> processes, Duration timeout) {
        processes.forEach(ProcessHandle::destroy);
        List<Long> killed = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle p : processes) {
            if (!awaitEnd(p, deadline)) {
                p.destroyForcibly();
                killed.add(p.pid());
            }
        }
        long killDeadline = System.nanoTime() + KILL_TIMEOUT.toNanos();
        List<Long> survivors = processes.stream().filter(p -> !awaitEnd(p, killDeadline)).map(ProcessHandle::pid).toList();
        if (!survivors.isEmpty()) {
            throw new IllegalStateException("processes " + survivors + " survived SIGKILL");
        }
        return killed;
    }

    /** Whether nothing listens on {@code port} of this machine's loopback address, where our processes bind. */
    public static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            // As a server that restarts on its port does: a closed connection's TIME_WAIT does not count.
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nothing listens on now, chosen by the system (a process started right after can bind it). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback address", e);
        }
    }

    /** Nothing listens on {@code port}, else {@link PortInUseException} naming it as {@code what}. */
    public static void requireFree(int port, String what) {
        if (!portFree(port)) {
            throw new PortInUseException(port, what);
        }
    }

    /**
     * The classpath the build wrote to {@code file} (Maven's {@code dependency:build-classpath} in the
     * {@code runtimes} modules), that a launched process runs on; {@link MissingClasspathException} if the build
     * has not written it.
     */
    public static String classpath(Path file) {
        try {
            String classpath = Files.readString(file).strip();
            if (!classpath.isEmpty()) {
                return classpath;
            }
        } catch (IOException e) {
            // missing or unreadable: the build has not (fully) run
        }
        throw new MissingClasspathException(file);
    }

    /**
     * The process's whole command line. Java's {@code ProcessHandle.Info.commandLine()} stops at 4,096
     * characters, shorter than a Flink or Kafka classpath; Linux's {@code /proc/<pid>/cmdline} has all of it.
     */
    static String fullCommandLine(ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return Files.readString(proc, StandardCharsets.ISO_8859_1).replace('\0', ' ');
            }
        } catch (IOException e) {
            // fall back to what the JDK reports
        }
        return process.info().commandLine().orElse("");
    }

    private static boolean awaitEnd(ProcessHandle p, long deadlineNanos) {
        while (p.isAlive()) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for pid " + p.pid() + " to end");
            }
        }
        return true;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale pid file is harmless: fromPidFile checks the process behind it
        }
    }

    /** A port one of our processes needs is taken. */
    public static final class PortInUseException extends RuntimeException {
        private final int port;

        PortInUseException(int port, String what) {
            super(what + " " + port + " is already in use");
            this.port = port;
        }

        public int port() {
            return port;
        }
    }

    /** The classpath file a process is launched with is not there: the build has not run. */
    public static final class MissingClasspathException extends RuntimeException {
        private final Path file;

        MissingClasspathException(Path file) {
            super("the classpath file " + file + " is missing");
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }
}

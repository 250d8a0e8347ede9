package dev.flinkopslab.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Deciding whether a pid from one of our pid files is still the process we started: a pid can be reused by
 * the system, and stopping a stranger is the one thing the tooling must never do.
 */
public final class OwnProcesses {
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
}

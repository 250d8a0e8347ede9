package dev.flinkopslab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code lab bench upgrade} sees from the outside, polled every 100 ms on a thread of its own: when each part
 * file the FileSink committed became visible (with the window results in it), and when all processes of each of
 * the platform's LOCAL clusters were gone.
 *
 * <p>Why first-seen times and not the files' modification times: the sink commits by renaming a hidden
 * in-progress file to its visible name, and a rename keeps the modification time, which is that of the last
 * record written, before the checkpoint that commits it. A reader of the output sees the file only from the
 * rename on, up to a checkpoint interval later; polling measures that, within the poll's 100 ms.
 */
final class UpgradeWatcher implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(100);

    /** One window result line: {@code windowStart,windowEnd,location,...}. */
    record Window(String location, long start, long end) {
        static Window parse(String csv) {
            String[] f = csv.split(",", 4);
            return new Window(f[2], Long.parseLong(f[0]), Long.parseLong(f[1]));
        }
    }

    /** A committed part file: when it was first seen (epoch ms) and its window results. */
    record Commit(long seenMs, String file, List<Window> windows) {}

    private final Path windowsDir;
    private final Path clustersDir;
    private final Thread thread;
    private final List<Commit> commits = new ArrayList<>();
    private final Set<String> seenFiles = new HashSet<>();
    private final Set<String> clustersSeenAlive = new HashSet<>();
    private final Map<String, Long> clustersGoneAt = new HashMap<>();
    private volatile boolean closed;
    private volatile String failure;

    UpgradeWatcher(Path windowsDir, Path clustersDir) {
        this.windowsDir = windowsDir;
        this.clustersDir = clustersDir;
        this.thread = new Thread(this::run, "lab-bench-upgrade-watcher");
        this.thread.setDaemon(true);
    }

    UpgradeWatcher start() {
        thread.start();
        return this;
    }

    private void run() {
        while (!closed) {
            long now = System.currentTimeMillis();
            try {
                scanCommits(now);
                scanClusters(now);
            } catch (IOException | RuntimeException e) {
                failure = e.toString(); // said by the bench when it reads the figures; the poll goes on
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void scanCommits(long now) throws IOException {
        if (!Files.isDirectory(windowsDir)) {
            return;
        }
        List<Path> fresh;
        try (Stream<Path> files = Files.list(windowsDir)) {
            fresh = files.filter(f -> !f.getFileName().toString().startsWith(".")) // in progress or pending
                    .filter(f -> !seenFiles.contains(f.getFileName().toString())).sorted().toList();
        }
        for (Path f : fresh) {
            List<Window> windows = new ArrayList<>();
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    windows.add(Window.parse(line));
                }
            }
            seenFiles.add(f.getFileName().toString());
            synchronized (this) {
                commits.add(new Commit(now, f.getFileName().toString(), List.copyOf(windows)));
            }
        }
    }

    private void scanClusters(long now) throws IOException {
        if (!Files.isDirectory(clustersDir)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(clustersDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String job = dir.getFileName().toString();
                boolean alive = anyAlive(dir.resolve("pids"));
                synchronized (this) {
                    if (alive) {
                        clustersSeenAlive.add(job);
                    } else if (clustersSeenAlive.contains(job)) {
                        clustersGoneAt.putIfAbsent(job, now);
                    }
                }
            }
        }
    }

    /** Whether a pid file in {@code pids} names a live process (only the cluster's own start writes them). */
    static boolean anyAlive(Path pids) throws IOException {
        if (!Files.isDirectory(pids)) {
            return false;
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".pid")).toList()) {
                try {
                    long pid = Long.parseLong(Files.readString(f).strip());
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        return true;
                    }
                } catch (NoSuchFileException | NumberFormatException e) {
                    // removed or half written by a stop or start this very moment: the next poll sees it
                }
            }
        }
        return false;
    }

    synchronized List<Commit> commits() {
        return List.copyOf(commits);
    }

    /** When every process of job {@code job}'s cluster was gone, if it was seen alive and then gone. */
    synchronized OptionalLong clusterGoneAt(String job) {
        Long at = clustersGoneAt.get(job);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}

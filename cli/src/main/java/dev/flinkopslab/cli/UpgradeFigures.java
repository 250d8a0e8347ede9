package dev.flinkopslab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flinkopslab.cli.UpgradeWatcher.Commit;
import dev.flinkopslab.cli.UpgradeWatcher.Window;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/** The arithmetic of {@code lab bench upgrade}, apart from the processes it drives: gaps, medians, the output check, the report. */
final class UpgradeFigures {
    private UpgradeFigures() {}

    /**
     * One STATEFUL upgrade, in seconds; null where a phase was not seen. The chain: PATCH → (decide) savepoint
     * triggered → (savepoint) completed → (stop) the old cluster's processes gone → (clusterStart) the new job
     * submitted to its new cluster → (restore) RUNNING, every task → and from the submission (firstOutput) its
     * first committed window results. gap: from the last commit before the old cluster was gone to that first
     * one; maxWindowDelay: the longest any window result waited, from its window's end (event time, which the
     * unbounded generator keeps at the wall clock) to its commit, among those committed after the restore.
     */
    record Upgrade(int index, int fromParallelism, int toParallelism, String oldJob, String newJob, String savepoint,
                   Double decideSeconds, Double savepointSeconds, Double stopSeconds, Double clusterStartSeconds,
                   Double restoreSeconds, Double firstOutputSeconds, Double gapSeconds, Double totalSeconds,
                   Double maxWindowDelaySeconds) {}

    /** Before the first upgrade: what a reader of the output sees when nothing happens. */
    record Baseline(double checkpointIntervalSeconds, int commits, Double commitIntervalMedianSeconds,
                    Double commitIntervalMaxSeconds, Double windowDelayMedianSeconds) {}

    /** Every window result committed, once per (location, window start), and no window missing between a location's first and last. */
    record OutputCheck(long windowResults, long duplicated, long missing) {}

    /** The times (epoch ms) the output grew: the files the sink's subtasks commit at one checkpoint count once. */
    static List<Long> commitTimes(List<Commit> commits) {
        return new ArrayList<>(new TreeSet<>(commits.stream().map(Commit::seenMs).toList()));
    }

    /** Seconds between consecutive times. */
    static List<Double> intervals(List<Long> times) {
        List<Double> out = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            out.add((times.get(i) - times.get(i - 1)) / 1000.0);
        }
        return out;
    }

    /** The last commit at or before {@code boundaryMs} and the first after it. */
    record Gap(long lastBeforeMs, long firstAfterMs) {
        double seconds() {
            return (firstAfterMs - lastBeforeMs) / 1000.0;
        }
    }

    static Optional<Gap> gap(List<Long> times, long boundaryMs) {
        Long before = null;
        for (long t : times) {
            if (t <= boundaryMs) {
                before = t;
            } else {
                return before == null ? Optional.empty() : Optional.of(new Gap(before, t));
            }
        }
        return Optional.empty();
    }

    /** For each window result committed in [fromMs, toMs]: seconds from its window's end to the commit being seen. */
    static List<Double> windowDelays(List<Commit> commits, long fromMs, long toMs) {
        List<Double> out = new ArrayList<>();
        for (Commit c : commits) {
            if (c.seenMs() >= fromMs && c.seenMs() <= toMs) {
                c.windows().forEach(w -> out.add((c.seenMs() - w.end()) / 1000.0));
            }
        }
        return out;
    }

    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static Double max(List<Double> values) {
        return values.stream().max(Double::compare).orElse(null);
    }

    /** Seconds from {@code from} to {@code to} (epoch ms); null if either is unknown. */
    static Double seconds(Long from, Long to) {
        return from == null || to == null ? null : (to - from) / 1000.0;
    }

    static OutputCheck check(List<Commit> commits) {
        Map<String, Integer> seen = new HashMap<>();
        Map<String, TreeSet<Long>> startsByLocation = new HashMap<>();
        Map<String, Long> sizeByLocation = new HashMap<>();
        long results = 0;
        for (Commit c : commits) {
            for (Window w : c.windows()) {
                results++;
                seen.merge(w.location() + "@" + w.start(), 1, Integer::sum);
                startsByLocation.computeIfAbsent(w.location(), k -> new TreeSet<>()).add(w.start());
                sizeByLocation.put(w.location(), w.end() - w.start());
            }
        }
        long duplicated = seen.values().stream().mapToLong(n -> n - 1).sum();
        long missing = 0;
        for (Map.Entry<String, TreeSet<Long>> e : startsByLocation.entrySet()) {
            long size = sizeByLocation.get(e.getKey());
            long span = (e.getValue().last() - e.getValue().first()) / size + 1;
            missing += span - e.getValue().size();
        }
        return new OutputCheck(results, duplicated, missing);
    }

    /** The median of each figure over the upgrades that have it. */
    static Map<String, Double> medians(List<Upgrade> upgrades) {
        Map<String, Function<Upgrade, Double>> figures = new LinkedHashMap<>();
        figures.put("decideSeconds", Upgrade::decideSeconds);
        figures.put("savepointSeconds", Upgrade::savepointSeconds);
        figures.put("stopSeconds", Upgrade::stopSeconds);
        figures.put("clusterStartSeconds", Upgrade::clusterStartSeconds);
        figures.put("restoreSeconds", Upgrade::restoreSeconds);
        figures.put("firstOutputSeconds", Upgrade::firstOutputSeconds);
        figures.put("gapSeconds", Upgrade::gapSeconds);
        figures.put("totalSeconds", Upgrade::totalSeconds);
        figures.put("maxWindowDelaySeconds", Upgrade::maxWindowDelaySeconds);
        Map<String, Double> out = new LinkedHashMap<>();
        figures.forEach((name, f) -> out.put(name, median(upgrades.stream().map(f).filter(v -> v != null).toList())));
        return out;
    }

    /** Writes the report as indented JSON, creating the directory. */
    static Path write(Path file, Map<String, Object> report) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
        return file;
    }
}

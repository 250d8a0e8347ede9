package dev.flinkopslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkopslab.cli.UpgradeFigures.Upgrade;
import dev.flinkopslab.cli.UpgradeWatcher.Commit;
import dev.flinkopslab.cli.UpgradeWatcher.Window;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab bench upgrade}'s arguments and arithmetic, without the platform: the bench itself is not run here. */
class BenchUpgradeFiguresTest {

    private static Commit commit(long seenMs, Window... windows) {
        return new Commit(seenMs, "windows-" + seenMs, List.of(windows));
    }

    private static Window w(String location, long start) {
        return new Window(location, start, start + 1000);
    }

    @Test
    void badArgumentsAreOneUsageLineEach() {
        for (String[] args : List.of(new String[] {"--upgrades", "0"}, new String[] {"--rate", "0"},
                new String[] {"--settle", "0s"}, new String[] {"--checkpoint-interval", "1"})) {
            String[] line = new String[args.length + 2];
            line[0] = "bench";
            line[1] = "upgrade";
            System.arraycopy(args, 0, line, 2, args.length);
            LabRun r = LabRun.of(line);
            assertThat(r.exitCode()).as(String.join(" ", line)).isEqualTo(ExitCodes.USAGE);
            assertThat(r.errLines()).singleElement().asString().startsWith("lab bench upgrade: ").contains(args[0]);
        }
    }

    @Test
    void theGapRunsFromTheLastCommitBeforeTheBoundaryToTheFirstAfterIt() {
        // two subtasks commit at one checkpoint: seen in one poll, one commit
        List<Commit> commits = List.of(commit(1_000), commit(2_000), commit(2_000), commit(3_000), commit(15_000), commit(16_000));
        List<Long> times = UpgradeFigures.commitTimes(commits);
        assertThat(times).containsExactly(1_000L, 2_000L, 3_000L, 15_000L, 16_000L);
        assertThat(UpgradeFigures.intervals(times)).containsExactly(1.0, 1.0, 12.0, 1.0);
        assertThat(UpgradeFigures.gap(times, 9_000).orElseThrow().seconds()).isEqualTo(12.0);
        assertThat(UpgradeFigures.gap(times, 20_000)).as("nothing after the boundary yet").isEmpty();
        assertThat(UpgradeFigures.median(List.of(3.0, 1.0, 2.0, 10.0))).isEqualTo(2.5);
        assertThat(UpgradeFigures.median(List.of())).isNull();
    }

    @Test
    void windowDelaysAreFromTheWindowsEndToItsCommit() {
        List<Commit> commits = List.of(commit(2_500, w("Oslo", 1_000)), commit(14_000, w("Oslo", 2_000), w("Oslo", 12_000)));
        assertThat(UpgradeFigures.windowDelays(commits, 3_000, Long.MAX_VALUE)).containsExactly(11.0, 1.0);
        assertThat(UpgradeFigures.max(UpgradeFigures.windowDelays(commits, 0, Long.MAX_VALUE))).isEqualTo(11.0);
    }

    @Test
    void theOutputCheckCountsDuplicatesAndHoles() {
        List<Commit> clean = List.of(commit(1, w("Oslo", 0), w("Rome", 0)), commit(2, w("Oslo", 1_000), w("Rome", 1_000)));
        assertThat(UpgradeFigures.check(clean)).isEqualTo(new UpgradeFigures.OutputCheck(4, 0, 0));
        List<Commit> broken = List.of(commit(1, w("Oslo", 0)), commit(2, w("Oslo", 0), w("Oslo", 3_000)));
        assertThat(UpgradeFigures.check(broken)).isEqualTo(new UpgradeFigures.OutputCheck(3, 1, 2));
    }

    @Test
    void theReportHasEachUpgradeAndTheMedians(@TempDir Path dir) throws Exception {
        List<Upgrade> upgrades = List.of(
                new Upgrade(1, 1, 2, "a", "b", "file:/sp1", 1.0, 2.0, 0.5, 9.0, 2.0, 4.0, 14.0, 16.0, 15.0),
                new Upgrade(2, 2, 1, "b", "c", "file:/sp2", 2.0, 3.0, 0.7, 7.0, null, 3.0, 10.0, 12.0, 11.0),
                new Upgrade(3, 1, 2, "c", "d", "file:/sp3", 1.5, 2.5, 0.6, 8.0, 1.0, 3.5, 12.0, 14.0, 13.0));
        Map<String, Double> medians = UpgradeFigures.medians(upgrades);
        assertThat(medians).containsEntry("gapSeconds", 12.0).containsEntry("restoreSeconds", 1.5)
                .containsEntry("clusterStartSeconds", 8.0);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("upgrades", upgrades);
        report.put("medians", medians);
        JsonNode json = new ObjectMapper().readTree(UpgradeFigures.write(dir.resolve("bench/upgrade.json"), report).toFile());
        assertThat(json.path("upgrades")).hasSize(3);
        assertThat(json.at("/upgrades/1/toParallelism").asInt()).isEqualTo(1);
        assertThat(json.at("/upgrades/1/restoreSeconds").isNull()).as("a phase not seen is null, not NaN").isTrue();
        assertThat(json.at("/medians/gapSeconds").asDouble()).isEqualTo(12.0);
    }
}

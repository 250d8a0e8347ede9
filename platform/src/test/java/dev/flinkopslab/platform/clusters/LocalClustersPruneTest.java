package dev.flinkopslab.platform.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.platform.PlatformProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ended clusters' dirs are kept only for the newest ones; an active job's dir is never touched. */
class LocalClustersPruneTest {
    @TempDir
    Path dataDir;

    @Test
    void onlyTheNewestEndedClusterDirsAreKeptAndActiveOnesNeverDeleted() throws Exception {
        LocalClusters clusters = new LocalClusters(new PlatformProperties(dataDir, null, null, null, null, null));
        List<String> jobs = new ArrayList<>();
        int ended = LocalClusters.ENDED_KEPT + 5;
        for (int i = 0; i < ended + 1; i++) {
            String job = "%032x".formatted(i);
            Path dir = clusters.dir(job);
            Files.createDirectories(dir.resolve("log"));
            Files.writeString(dir.resolve("log/jobmanager.log"), "started " + i);
            Files.writeString(dir.resolve("cluster.properties"), """
                    taskManagers=1
                    slotsPerTaskManager=1
                    jobManagerMemory=1024m
                    taskManagerMemory=2048m
                    restPort=1
                    rpcPort=2
                    heartbeatTimeoutMs=10000
                    """);
            // job i started at minute i; the oldest is the active one
            Files.setLastModifiedTime(dir.resolve("cluster.properties"), FileTime.fromMillis(1_000_000L + 60_000L * i));
            jobs.add(job);
        }
        String active = jobs.get(0);

        assertThat(clusters.releaseAllBut(Set.of(active))).as("no process ran").isEmpty();

        List<String> left;
        try (Stream<Path> dirs = Files.list(dataDir.resolve("clusters"))) {
            left = dirs.map(d -> d.getFileName().toString()).sorted().toList();
        }
        List<String> expected = new ArrayList<>(jobs.subList(jobs.size() - LocalClusters.ENDED_KEPT, jobs.size()));
        expected.add(active);
        assertThat(left).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(clusters.dir(jobs.get(jobs.size() - 1)).resolve("log/jobmanager.log")).exists();
    }
}

package dev.flinkopslab.platform.clusters;

import dev.flinkopslab.ops.OwnProcesses;
import dev.flinkopslab.ops.cluster.ClusterConfig;
import dev.flinkopslab.ops.cluster.LocalCluster;
import dev.flinkopslab.platform.PlatformProperties;
import dev.flinkopslab.platform.deployments.DeploymentSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The LOCAL target's clusters: one Flink application cluster per job, in {@code <data-dir>/clusters/<flink job
 * id>/} (conf, log, pids, usrlib). The settings file a start writes there is the record of the cluster's REST
 * URL, so a platform that crashed after a launch finds the cluster again from the job id alone.
 */
@Component
public class LocalClusters {
    private static final Logger LOG = LoggerFactory.getLogger(LocalClusters.class);
    /** Stop and status never start a process: they need no classpath. */
    private static final String NO_CLASSPATH = "-";
    private static final java.time.Duration START_TIMEOUT = java.time.Duration.ofSeconds(180);
    /** How many ended clusters' dirs (logs) are kept. */
    static final int ENDED_KEPT = 20;

    private final PlatformProperties props;

    public LocalClusters(PlatformProperties props) {
        this.props = props;
    }

    public Path dir(String flinkJobId) {
        return root().resolve(flinkJobId);
    }

    /**
     * Starts the application cluster that runs {@code flinkJobId}: a JobManager and
     * {@link DeploymentSpec.Template#taskManagers()} TaskManagers sized by the template's resources, on free ports.
     * Returns when every TaskManager has registered; a process that dies during the start is an exception saying
     * which log to read.
     *
     * @param jobConfiguration the job's Flink configuration (checkpoint and savepoint dirs, the template's options)
     * @param restorePath the savepoint or retained checkpoint to start from; null: empty state
     */
    public void launch(String flinkJobId, DeploymentSpec spec, Path userJar, Map<String, String> jobConfiguration,
                       String restorePath) {
        DeploymentSpec.Template t = spec.template();
        Map<String, String> options = new HashMap<>(jobConfiguration);
        options.put(TaskManagerOptions.CPU_CORES.key(), Double.toString(t.resources().taskManager().cpu()));
        options.put(CoreOptions.DEFAULT_PARALLELISM.key(), Integer.toString(t.parallelism()));
        ClusterConfig config = base(flinkJobId, OwnProcesses.classpath(props.flinkClasspath()))
                .withTaskManagers(t.taskManagers(), t.slotsPerTaskManager())
                .withMemory(size(t.resources().jobManager()), size(t.resources().taskManager()))
                .withPorts(OwnProcesses.freePort(), OwnProcesses.freePort())
                .withFlinkConfiguration(options)
                // several JVMs starting at once on a small, busy machine: slower than one session cluster's start
                .withStartTimeout(START_TIMEOUT)
                .withApplication(new ClusterConfig.Application(userJar, t.entryClass(), flinkJobId, t.programArgs(),
                        restorePath, spec.allowNonRestoredState()));
        new LocalCluster(config, line -> LOG.info("cluster of job {}: {}", flinkJobId, line)).start();
    }

    /** The REST URL of the job's cluster, once a launch has written it; empty if the cluster was never started. */
    public Optional<String> restUrl(String flinkJobId) {
        if (!Files.isRegularFile(dir(flinkJobId).resolve("cluster.properties"))) {
            return Optional.empty();
        }
        return Optional.of(existing(flinkJobId).webUiUrl());
    }

    public boolean jobManagerAlive(String flinkJobId) {
        return existing(flinkJobId).jobManagerAlive();
    }

    /** Ends the job's cluster processes, if any run (a TaskManager outlives a JobManager killed under it). */
    public void release(String flinkJobId) {
        LocalCluster cluster = existing(flinkJobId);
        if (cluster.anyProcessAlive()) {
            int stopped = cluster.stop();
            LOG.info("stopped the {} process(es) of job {}'s cluster", stopped, flinkJobId);
        }
    }

    /**
     * Stops every cluster with a live process whose job is not in {@code activeJobs}: the job ended, its
     * deployment was deleted, or a platform crash came between a job's end and its cluster's stop. Their logs
     * stay in the cluster dirs.
     */
    public List<String> releaseAllBut(Set<String> activeJobs) {
        List<String> released = new ArrayList<>();
        if (!Files.isDirectory(root())) {
            return released;
        }
        List<Path> ended = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root())) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String job = dir.getFileName().toString();
                if (activeJobs.contains(job)) {
                    continue;
                }
                if (existing(job).anyProcessAlive()) {
                    release(job);
                    released.add(job);
                }
                ended.add(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root(), e);
        }
        pruneBeyondNewest(ended);
        return released;
    }

    /**
     * Deletes the dirs of ended clusters but the {@link #ENDED_KEPT} newest (by their last start): their logs are
     * what an event's "logs:" names for a while, not forever; the job's JAR copy goes with them (the artifact
     * store keeps the JAR).
     */
    private static void pruneBeyondNewest(List<Path> ended) {
        if (ended.size() <= ENDED_KEPT) {
            return;
        }
        List<Path> newestFirst = ended.stream()
                .sorted(java.util.Comparator.comparing(LocalClusters::lastStart).reversed()).toList();
        for (Path dir : newestFirst.subList(ENDED_KEPT, newestFirst.size())) {
            try {
                org.apache.flink.util.FileUtils.deleteDirectory(dir.toFile());
                LOG.info("deleted the dir of an ended cluster, {}", dir);
            } catch (IOException e) {
                LOG.warn("cannot delete the ended cluster's dir {}: {}", dir, e.getMessage());
            }
        }
    }

    private static java.nio.file.attribute.FileTime lastStart(Path dir) {
        try {
            Path settings = dir.resolve("cluster.properties");
            return Files.getLastModifiedTime(Files.exists(settings) ? settings : dir);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    private LocalCluster existing(String flinkJobId) {
        return LocalCluster.existing(base(flinkJobId, NO_CLASSPATH), line -> LOG.info("cluster of job {}: {}", flinkJobId, line));
    }

    private ClusterConfig base(String flinkJobId, String classpath) {
        return ClusterConfig.defaults(props.dataDir(), classpath).withWorkDir(dir(flinkJobId));
    }

    private Path root() {
        return props.dataDir().resolve("clusters");
    }

    private static String size(DeploymentSpec.Resource r) {
        return r.memory().toLowerCase(Locale.ROOT);
    }
}

package dev.flinkopslab.ops.cluster;

import dev.flinkopslab.ops.jobs.OpsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A Flink process's JVM memory flags and the memory/CPU dynamic properties that go with them, computed from the conf
 * dir by the same Flink functions flink-dist's start scripts reach through {@code BashJavaUtils}, but in this JVM:
 * two JVM starts fewer on every cluster start. A TaskManager refuses to start without them.
 */
record ResourceParams(List<String> jvmFlags, List<String> dynamicProperties) {

    static ResourceParams jobManager(ClusterConfig c) {
        return sized(c, "JobManager", conf -> {
            JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(conf);
            return new ResourceParams(words(JobManagerProcessUtils.generateJvmParametersStr(spec, conf)),
                    words(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
        });
    }

    static ResourceParams taskManager(ClusterConfig c) {
        return sized(c, "TaskManager", conf -> {
            TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(conf);
            return new ResourceParams(words(ProcessMemoryUtils.generateJvmParametersStr(spec)),
                    words(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
        });
    }

    private static ResourceParams sized(ClusterConfig c, String process, Function<Configuration, ResourceParams> size) {
        Configuration conf = GlobalConfiguration.loadConfiguration(c.confDir().toAbsolutePath().toString());
        try {
            return size.apply(conf);
        } catch (IllegalConfigurationException e) {
            throw new OpsException("Flink could not size the " + process + "'s memory: " + e.getMessage()
                    + " — check the memory sizes");
        }
    }

    /** Kept in the conf dir, so add-taskmanager starts a TaskManager sized like the others. */
    void save(Path file) {
        try {
            Files.writeString(file, String.join(" ", jvmFlags) + "\n" + String.join(" ", dynamicProperties) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResourceParams load(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return new ResourceParams(words(lines.get(0)), lines.size() > 1 ? words(lines.get(1)) : List.of());
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new OpsException("cannot read " + file + "; restart the cluster with 'lab cluster stop' and 'lab cluster start'");
        }
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\\s+"));
    }
}

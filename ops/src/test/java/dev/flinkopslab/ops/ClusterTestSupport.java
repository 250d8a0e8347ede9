package dev.flinkopslab.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.ops.cluster.ClusterConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What the cluster tests share: the job JAR, the Flink classpath, free ports, a small cluster's config. */
final class ClusterTestSupport {
    static final String JOB_CLASS = "dev.flinkopslab.pipeline.MeasurementJob";

    private ClusterTestSupport() {}

    /** The shaded job JAR the pipeline module builds in 'package' (before this module's tests in the reactor). */
    static Path jobJar() {
        Path jar = Path.of(System.getProperty("lab.job.jar", "../pipeline/target/flink-ops-lab-job.jar"));
        assertThat(jar).as("the job JAR is built by 'mvn package' in the pipeline module; build it first "
                + "(mvn -q -B install -DskipTests)").isRegularFile();
        return jar;
    }

    /** 1 JobManager + 2 TaskManagers × 2 slots on free ports, under a fresh work dir below target/. */
    static ClusterConfig twoByTwo(String name) {
        String classpath = OwnProcesses.classpath(
                Path.of(System.getProperty("lab.cluster.classpath", "target/flink-cluster.classpath")));
        try {
            Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-clusters")), name + "-");
            return ClusterConfig.defaults(work, classpath).withWorkDir(work)
                    .withTaskManagers(2, 2).withMemory("1024m", "1024m").withPorts(freePort(), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        return dev.flinkopslab.ops.OwnProcesses.freePort();
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}

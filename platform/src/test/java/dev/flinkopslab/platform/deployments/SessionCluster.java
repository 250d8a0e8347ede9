package dev.flinkopslab.platform.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.ops.OwnProcesses;
import dev.flinkopslab.ops.cluster.ClusterConfig;
import dev.flinkopslab.ops.cluster.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real standalone Flink session cluster for a test class: 1 JobManager + 1 TaskManager with 4 slots, free ports. */
final class SessionCluster {
    static final int SLOTS = 4;
    static final String JOB_CLASS = "dev.flinkopslab.pipeline.MeasurementJob";

    private final LocalCluster cluster;
    private final ClusterConfig config;

    private SessionCluster(ClusterConfig config) {
        this.config = config;
        this.cluster = new LocalCluster(config, line -> System.out.println("cluster: " + line));
    }

    static SessionCluster start(String name) {
        String classpath = OwnProcesses.classpath(Path.of(System.getProperty("lab.cluster.classpath",
                "../runtimes/flink-cluster/target/flink-cluster.classpath")));
        try {
            Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-clusters")), name + "-");
            ClusterConfig config = ClusterConfig.defaults(work, classpath).withWorkDir(work).withTaskManagers(1, SLOTS)
                    .withMemory("1024m", "1280m").withPorts(freePort(), freePort());
            SessionCluster c = new SessionCluster(config);
            c.cluster.start();
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String restUrl() {
        return config.restUrl();
    }

    void stop() {
        cluster.stop();
    }

    static Path jobJar() {
        Path jar = Path.of(System.getProperty("lab.job.jar", "../pipeline/target/flink-ops-lab-job.jar"));
        assertThat(jar).as("the job JAR is built by 'mvn package' of pipeline").isRegularFile();
        return jar;
    }

    static int freePort() {
        return dev.flinkopslab.ops.OwnProcesses.freePort();
    }
}

package dev.flinkopslab.cli;

import dev.flinkopslab.ops.cluster.ClusterConfig;
import dev.flinkopslab.ops.cluster.LocalCluster;
import dev.flinkopslab.ops.jobs.OpsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** What the cluster and job commands share: the project root, the REST URL option, one-line failures. */
final class OpsSupport {
    static final String START_HINT = "start one with './lab cluster start' (or point --rest-url at a running one)";

    private OpsSupport() {}

    /** The project root: the ./lab script passes it as {@code lab.home}. */
    static Path labHome() {
        return Path.of(System.getProperty("lab.home", ".")).toAbsolutePath().normalize();
    }

    static ClusterConfig defaultCluster() {
        String classpath;
        try {
            classpath = LocalCluster.classpathFrom(labHome().resolve("runtimes/flink-cluster/target/flink-cluster.classpath"));
        } catch (IllegalStateException e) {
            throw new LabException(e.getMessage());
        }
        ClusterConfig defaults = ClusterConfig.defaults(labHome(), classpath);
        // Tests keep their clusters apart from a developer's .lab/cluster.
        String dir = System.getProperty("lab.cluster.dir");
        return dir == null ? defaults : defaults.withWorkDir(Path.of(dir));
    }

    /** Runs an operation; its failures become one line (exit 1), "no cluster" with how to start one. */
    static <T> T run(Callable<T> operation) throws Exception {
        try {
            return operation.call();
        } catch (OpsException e) {
            throw new LabException(e.noCluster() ? e.getMessage() + "; " + START_HINT : e.getMessage());
        }
    }

    /** {@code --rest-url}, for every command that talks to a running cluster. */
    static final class RestUrl {
        @Option(names = "--rest-url", defaultValue = "http://localhost:8081", paramLabel = "<url>",
                description = "REST API (and Web UI) of the Flink cluster (default: ${DEFAULT-VALUE}).")
        String url;
    }
}

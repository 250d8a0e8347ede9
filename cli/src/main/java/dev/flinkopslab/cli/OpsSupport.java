package dev.flinkopslab.cli;

import dev.flinkopslab.ops.OwnProcesses;
import dev.flinkopslab.ops.OwnProcesses.MissingClasspathException;
import dev.flinkopslab.ops.cluster.ClusterConfig;
import dev.flinkopslab.ops.jobs.JobsClient;
import dev.flinkopslab.ops.kafka.KafkaBrokerException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What the cluster, job and Kafka commands share: the project root, the REST URL option, progress lines, and
 * the hints that go with what {@code ops} reports (ops says what is wrong; which command fixes it is said here).
 */
final class OpsSupport {
    static final String START_HINT = "start one with './lab cluster start' (or point --rest-url at a running one)";
    static final String CLUSTER_START_HINT = "start one with './lab cluster start'";
    static final String CLUSTER_STOP_HINT = "stop it first with './lab cluster stop'";
    static final String KAFKA_START_HINT = "start it with './lab kafka start'";
    static final String KAFKA_STOP_HINT = "stop it first with './lab kafka stop'";

    private OpsSupport() {}

    /** The project root: the ./lab script passes it as {@code lab.home}. */
    static Path labHome() {
        return Path.of(System.getProperty("lab.home", ".")).toAbsolutePath().normalize();
    }

    static ClusterConfig defaultCluster() {
        String classpath;
        try {
            classpath = OwnProcesses.classpath(labHome().resolve("runtimes/flink-cluster/target/flink-cluster.classpath"));
        } catch (MissingClasspathException e) {
            throw buildFirst("Flink", e);
        }
        ClusterConfig defaults = ClusterConfig.defaults(labHome(), classpath);
        // Tests keep their clusters apart from a developer's .lab/cluster.
        String dir = System.getProperty("lab.cluster.dir");
        return dir == null ? defaults : defaults.withWorkDir(Path.of(dir));
    }

    /** What Kafka reported, with how to provide what a job needs when that is what is missing. */
    static String withHint(KafkaBrokerException e) {
        return e.getMessage() + e.missing().map(m -> switch (m) {
            case BROKER -> "; start one with './lab kafka start' or give --bootstrap-servers";
            case TOPIC -> "; 'lab kafka start' creates 'measurements', or name the topic with --topic";
        }).orElse("");
    }

    /** A launched process's classpath file is missing: the build writes it. */
    static LabException buildFirst(String runtime, MissingClasspathException e) {
        return new LabException("the " + runtime + " classpath file " + e.file() + " is missing: build first"
                + " (./lab builds on first use, or run 'mvn -q -B package -DskipTests')");
    }

    /** A port a launched process needs is taken: what may hold it, and the option that picks another. */
    static LabException portInUse(OwnProcesses.PortInUseException e, String holder, String option) {
        return new LabException(e.getMessage() + " (" + holder + "?); stop what uses it, or choose another with " + option);
    }

    /** Progress lines of a long operation, indented under the command's own lines and shown at once. */
    static Consumer<String> progressLines(CommandSpec spec) {
        PrintWriter out = spec.commandLine().getOut();
        return line -> {
            out.println("  " + line);
            out.flush();
        };
    }

    /**
     * The job graph as Flink built it (chaining, parallelism, slot sharing), read from its REST API; the job
     * runs whether or not it can be shown.
     */
    static void printJobGraph(JobsClient jobs, String jobId, PrintWriter out) {
        try {
            jobs.plan(jobId).lines().forEach(out::println);
        } catch (RuntimeException e) {
            out.println("  (job graph not available: " + e.getMessage() + ")");
        }
        out.flush();
    }

    /** {@code --rest-url}, for every command that talks to a running cluster. */
    static final class RestUrl {
        @Option(names = "--rest-url", defaultValue = "http://localhost:8081", paramLabel = "<url>",
                description = "REST API (and Web UI) of the Flink cluster (default: ${DEFAULT-VALUE}).")
        String url;
    }
}

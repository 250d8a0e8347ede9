package dev.flinkopslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each command's --help lists the options it uses, with the defaults of where its job runs. */
class JobOptionsHelpTest {

    @Test
    void restartDefaultsAreStatedPerTargetWithTheReason() {
        assertThat(help("run")).contains("--restart-strategy", "(default: fixed-delay: on an embedded Flink",
                "--restart-attempts", "(default: 10)");
        assertThat(help("submit")).contains("--restart-strategy", "(default: exponential-delay: on a cluster",
                "(default: unlimited)", "--fail-after", "--source", "--checkpoint-interval",
                "-p, --parallelism=<n> Default parallelism of the job");
    }

    @Test
    void defaultsAndDescriptionsComeFromTheConfigOptions() {
        assertThat(help("produce")).contains("--rate", "Events per second over all partitions", "(default: 1000)",
                "--seed", "(default: 42)", "--bootstrap-servers", "(default: localhost:9092)", "--topic",
                "(default: measurements)").doesNotContain("--sink=", "--restart-strategy");
    }

    @Test
    void kafkaStopAndStatusListOnlyTheOptionsTheyUse() {
        assertThat(help("kafka", "start")).contains("--port", "--controller-port", "--work-dir", "--topic", "--partitions");
        assertThat(help("kafka", "stop")).contains("--work-dir").doesNotContain("--topic", "--partitions", "--port");
        assertThat(help("kafka", "status")).contains("--work-dir", "--port").doesNotContain("--topic", "--partitions",
                "--controller-port");
    }

    @Test
    void submitAcceptsFailAfterLikeRun() {
        LabRun r = LabRun.of("submit", "--rest-url", "http://localhost:1", "--jar", "/nonexistent/job.jar",
                "--fail-after", "1000");
        assertThat(r.errLines()).containsExactly("lab submit: job JAR not found: /nonexistent/job.jar");
    }

    private static String help(String... command) {
        String[] args = java.util.Arrays.copyOf(command, command.length + 1);
        args[command.length] = "--help";
        LabRun r = LabRun.of(args);
        assertThat(r.exitCode()).isZero();
        return r.out().replaceAll("\\s+", " "); // undo line wrapping
    }
}

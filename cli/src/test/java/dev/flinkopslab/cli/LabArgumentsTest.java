package dev.flinkopslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Bad command lines end in one stderr line and exit 2; help lists every option; a taken port is exit 1. */
class LabArgumentsTest {

    @Test
    void unknownOptionIsOneLineNamingIt() {
        LabRun r = LabRun.of("run", "--bogus");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("lab run: ").contains("--bogus").endsWith("See 'lab run --help'.");
    }

    @Test
    void negativeRateNamesTheOption() {
        LabRun r = LabRun.of("run", "--rate", "-5");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly(
                "lab run: --rate must be 0 (as fast as possible) or positive (got -5). See 'lab run --help'.");
    }

    @Test
    void malformedFractionAboveOneIsRejected() {
        LabRun r = LabRun.of("run", "--malformed", "2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--malformed");
    }

    @Test
    void durationsNeedAUnit() {
        for (List<String> args : List.of(List.of("run", "--duration", "10", "parsecs"), List.of("run", "--duration", "abc"))) {
            LabRun r = LabRun.of(args.toArray(String[]::new));
            assertThat(r.exitCode()).as("%s", args).isEqualTo(2);
            assertThat(r.errLines()).as("%s", args).singleElement().asString()
                    .contains("--duration").contains("not a duration");
        }
    }

    @Test
    void badEnumValueListsTheValidOnes() {
        LabRun r = LabRun.of("run", "--checkpointing", "maybe");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .contains("--checkpointing", "'maybe'", "exactly-once, at-least-once, none");
    }

    @Test
    void notANumberIsAUsageError() {
        LabRun r = LabRun.of("bench", "--records", "lots");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("lab bench: ").contains("--records");
    }

    @Test
    void pipelineValidationBecomesAOneLineUsageError() {
        // Not checked by the CLI itself: GeneratorConfig rejects it with an IllegalArgumentException.
        LabRun r = LabRun.of("run", "--idle-partitions", "9");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly(
                "lab run: idle partition 9 does not exist (partitions are 0..7). See 'lab run --help'.");
    }

    @Test
    void missingCommandIsAUsageError() {
        LabRun r = LabRun.of();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("lab: missing command");
    }

    @Test
    void helpMentionsEveryOption() {
        assertHelpListsAllOptions(List.of());
        assertHelpListsAllOptions(List.of("run"));
        assertHelpListsAllOptions(List.of("bench"));
        String runHelp = LabRun.of("run", "--help").out().replaceAll("\\s+", " "); // undo line wrapping
        assertThat(runHelp).contains("--rate", "--records", "--duration", "--parallelism", "--sink", "--output-dir",
                "--checkpointing", "--checkpoint-interval", "--restart-strategy", "--restart-attempts", "--restart-delay",
                "--out-of-orderness", "--idle-timeout", "--malformed", "--late", "--idle-partitions", "--seed",
                "--fail-after", "--port", "(default: 1000)", "(default: exactly-once)", "(default: 8081)");
    }

    private static void assertHelpListsAllOptions(List<String> command) {
        List<String> args = new java.util.ArrayList<>(command);
        args.add("--help");
        LabRun r = LabRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as("%s", args).isZero();
        assertThat(r.err()).isEmpty();
        CommandLine cl = Lab.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()));
        for (String sub : command) {
            cl = cl.getSubcommands().get(sub);
        }
        for (OptionSpec option : cl.getCommandSpec().options()) {
            assertThat(r.out()).as("help of %s", args).contains(option.longestName());
        }
        if (command.isEmpty()) {
            assertThat(r.out()).contains("run", "bench");
        }
    }

    @Test
    void takenPortIsExitOneWithAHint() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("localhost"))) {
            int port = taken.getLocalPort();
            LabRun r = LabRun.of("run", "--port", String.valueOf(port), "--records", "10");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.errLines()).containsExactly("lab run: port " + port
                    + " is already in use (another Flink or lab?). Choose another with --port, e.g. --port "
                    + (port + 1) + ".");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void durationsParseTheUsualUnits() {
        assertThat(DurationConverter.parse("250ms").toMillis()).isEqualTo(250);
        assertThat(DurationConverter.parse("10s").toSeconds()).isEqualTo(10);
        assertThat(DurationConverter.parse("5m").toMinutes()).isEqualTo(5);
        assertThat(DurationConverter.parse("1h").toHours()).isEqualTo(1);
        assertThat(DurationConverter.parse("0").isZero()).isTrue();
        assertThat(DurationConverter.format(DurationConverter.parse("90s"))).isEqualTo("1m30s");
    }
}

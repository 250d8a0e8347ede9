package dev.flinkopslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.pipeline.MeasurementJob;
import dev.flinkopslab.pipeline.PipelineConfig;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every {@code lab run} option means the same to {@code MeasurementJob}: the same option and value, given on
 * the {@code lab run} command line or as the job's program arguments, change the run's config in the same way.
 * (The runs' defaults differ only in the restart strategy, on purpose: see {@code Target}.)
 */
class RunOptionsMeanTheSameToTheJobTest {
    /** Every lab run option that is the job's, with a value that is neither target's default; null: a flag. */
    private static final String[][] TABLE = {
            {"--rate", "5"},
            {"--records", "500"},
            {"--seed", "7"},
            {"--malformed", "0.1"},
            {"--late", "0.2"},
            {"--parallelism", "3"},
            {"--source", "kafka"},
            {"--stop-at-latest", null},
            {"--sink", "file"},
            {"--output-dir", "/tmp/lab-out"},
            {"--out-of-orderness", "1s"},
            {"--idle-timeout", "3s"},
            {"--idle-partitions", "6,7"},
            {"--idle-after", "10"},
            {"--fail-after", "100"},
            {"--bootstrap-servers", "broker:19092"},
            {"--topic", "readings"},
            {"--checkpointing", "at-least-once"},
            {"--checkpoint-interval", "500ms"},
            {"--restart-strategy", "none"},
            {"--restart-attempts", "3"},
            {"--restart-delay", "2s"},
    };
    /** lab run's own: how long to run, where its Web UI listens. */
    private static final Set<String> NOT_THE_JOBS = Set.of("--duration", "--port", "--help", "--version");

    static Stream<Arguments> table() {
        return Arrays.stream(TABLE).map(row -> Arguments.of(row[0], row[1]));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("table")
    void meansTheSameToTheJob(String option, String value) {
        List<String> args = value == null ? List.of(option) : List.of(option, value);
        Map<String, String> byRun = changed(labRun(List.of()), labRun(args));
        Map<String, String> byJob = changed(job(List.of()), job(args));
        assertThat(byRun).as("what %s changes", args).isNotEmpty().isEqualTo(byJob);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("table")
    void labSubmitPassesItToTheJobAsGiven(String option, String value) {
        if (option.equals("--parallelism")) {
            return; // lab submit's -p is the submission's parallelism
        }
        List<String> args = value == null ? List.of(option) : List.of(option, value);
        List<String> given = new ArrayList<>(List.of("submit"));
        given.addAll(args);
        CommandLine submit = parsed(given).getSubcommands().get("submit");
        List<String> forwarded = JobArgs.given(submit.getCommandSpec(), "--parallelism");
        assertThat(forwarded).isEqualTo(value == null ? List.of(option, "true") : args);
        assertThat(job(forwarded).toString()).isNotNull(); // and the job takes it
    }

    @Test
    void theTableHasEveryLabRunOption() {
        Set<String> runOptions = commandLine().getSubcommands().get("run").getCommandSpec().options().stream()
                .map(OptionSpec::longestName).filter(n -> !NOT_THE_JOBS.contains(n)).collect(Collectors.toSet());
        assertThat(Arrays.stream(TABLE).map(row -> row[0])).containsExactlyInAnyOrderElementsOf(runOptions);
    }

    private static PipelineConfig labRun(List<String> args) {
        List<String> line = new ArrayList<>(List.of("run"));
        line.addAll(args);
        RunCommand run = parsed(line).getSubcommands().get("run").getCommand();
        return run.config();
    }

    private static PipelineConfig job(List<String> args) {
        return MeasurementJob.config(args.toArray(String[]::new), 2);
    }

    private static CommandLine parsed(List<String> line) {
        CommandLine cl = commandLine();
        cl.parseArgs(line.toArray(String[]::new));
        return cl;
    }

    private static CommandLine commandLine() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        return Lab.commandLine(nowhere, nowhere);
    }

    /** The fields of {@code after} that differ from {@code before}, as text. */
    private static Map<String, String> changed(PipelineConfig before, PipelineConfig after) {
        Map<String, String> a = fields(before);
        Map<String, String> b = fields(after);
        Map<String, String> diff = new LinkedHashMap<>();
        b.forEach((k, v) -> {
            if (!v.equals(a.get(k))) {
                diff.put(k, v);
            }
        });
        return diff;
    }

    /** Every public field; the generator's and Kafka's settings through their toString, which lists theirs. */
    private static Map<String, String> fields(PipelineConfig c) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Field f : PipelineConfig.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                try {
                    m.put(f.getName(), String.valueOf(f.get(c)));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return m;
    }
}

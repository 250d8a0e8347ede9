package dev.flinkopslab.cli;

import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.exercises.check.Checker;
import dev.flinkopslab.exercises.check.Figure;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lab check <n>}: measures whether an exercise's fix works; PASS (exit 0) or FAIL (exit 1) with figures. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run an exercise's check on your code: PASS/FAIL with each measured figure and its target.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<exercise>", description = "Number or name of the exercise (see 'lab exercises').")
    String exercise;

    @Option(names = "--solution", description = "Check the reference solution instead of your code.")
    boolean solution;

    @Override
    public Integer call() {
        Exercise e = ExerciseArgs.find(spec, exercise);
        Variant variant = solution ? Variant.SOLUTION : Variant.LEARNER;
        PrintWriter out = spec.commandLine().getOut();
        out.println("lab check: " + e.number() + ". " + e.title() + " — " + (solution ? "reference solution" : "your code")
                + " (runs on an embedded Flink; about " + e.checkDuration().toSeconds() + " s)");
        out.flush();
        PrintStream progress = new PrintStream(new WriterOutputStream(out), true, java.nio.charset.StandardCharsets.UTF_8);
        CheckResult result = Checker.check(e, variant, ExerciseArgs.reportDir(), progress);
        if (result.error != null) {
            out.println("  " + result.error);
        }
        int nameWidth = result.figures.stream().mapToInt(f -> f.name().length()).max().orElse(0);
        for (Figure f : result.figures) {
            out.printf("  %-" + nameWidth + "s %14s   target %-14s %s%n", f.name(), f.formattedValue(), f.target(), f.met() ? "ok" : "MISSED");
        }
        out.println((result.passed() ? "PASS" : "FAIL") + String.format(java.util.Locale.ROOT, " in %.1fs", result.seconds));
        if (!result.passed() && !result.hint.isBlank()) {
            out.println("Hint: " + result.hint);
        }
        out.println("Report: " + ExerciseArgs.reportDir().resolve("report.html"));
        out.flush();
        return result.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** Lets the checker's progress lines (a PrintStream, UTF-8) go to picocli's writer, a line at a time. */
    private static final class WriterOutputStream extends java.io.OutputStream {
        private final PrintWriter writer;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        WriterOutputStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public void flush() {
            writer.write(line.toString(java.nio.charset.StandardCharsets.UTF_8));
            writer.flush();
            line.reset();
        }
    }
}

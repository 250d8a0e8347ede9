package dev.flinkopslab.cli;

import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Exercises;
import dev.flinkopslab.exercises.check.CheckReports;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lab exercises}: the exercises with their topic and the result of the last check of your code. */
@Command(name = "exercises", mixinStandardHelpOptions = true,
        description = "List the troubleshooting exercises, with the result of your last check of each.")
final class ExercisesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-3s %-32s %-10s %s%n", "#", "exercise", "status", "symptom");
        for (Exercise e : Exercises.all()) {
            String status = CheckReports.last(ExerciseArgs.reportDir(), e.number(), "LEARNER")
                    .map(r -> r.path("result").asText()).orElse("not tried");
            out.printf("%-3d %-32s %-10s %s%n", e.number(), e.title(), status, e.symptom());
        }
        out.println();
        out.println("Run one:   ./lab exercise run <n>      (your code; --solution for the reference)");
        out.println("Check it:  ./lab check <n>             (PASS/FAIL with the measured figures)");
        out.println("Report:    " + ExerciseArgs.reportDir().resolve("report.html"));
        out.flush();
        return ExitCodes.OK;
    }
}

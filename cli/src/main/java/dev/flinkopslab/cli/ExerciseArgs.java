package dev.flinkopslab.cli;

import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.Exercises;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What the exercise commands share: finding an exercise by number or name, and where check results live. */
final class ExerciseArgs {
    private ExerciseArgs() {}

    static Exercise find(CommandSpec spec, String numberOrSlug) {
        return Exercises.find(numberOrSlug).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "no exercise '" + numberOrSlug + "'; there are " + Exercises.all().stream()
                        .map(e -> Integer.toString(e.number())).collect(Collectors.joining(", "))
                        + " ('lab exercises' lists them)"));
    }

    /** {@code target/exercises} of the project (./lab passes its root as lab.home), else of the working directory. */
    static Path reportDir() {
        return Path.of(System.getProperty("lab.home", ".")).resolve("target").resolve("exercises");
    }

    /** Where the learner finds an exercise's README and the file to edit. */
    static String sourceDir(Exercise exercise) {
        return "exercises/" + exercise.folder() + "/";
    }
}

package dev.flinkopslab.cli;

import dev.flinkopslab.exercises.Exercise;
import dev.flinkopslab.exercises.TroubledStreamingJob;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.pipeline.PipelineConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lab exercise run <n>}: one exercise's job on an embedded Flink with the Web UI, to watch it misbehave. */
@Command(name = "exercise", mixinStandardHelpOptions = true,
        description = "Work on one exercise.", subcommands = ExerciseCommand.Run.class)
final class ExerciseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ExitCodes.usage(spec.commandLine(), "missing command: run");
    }

    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Run an exercise's job (your code) with the Web UI, until Ctrl-C or --duration.")
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<exercise>", description = "Number or name of the exercise (see 'lab exercises'), "
                + "or 'all': the troubled job, with your code of every exercise at once.")
        String exercise;

        @Option(names = "--solution", description = "Run the reference solution instead of your code.")
        boolean solution;

        @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "<duration>",
                description = "Run this long, then cancel, e.g. 60s (default: until Ctrl-C).")
        Duration duration;

        @picocli.CommandLine.Mixin
        JobMixins.WebUiPort webUi;

        @Override
        public Integer call() throws Exception {
            if (exercise.equals("all")) {
                return runTroubledJob();
            }
            Exercise e = ExerciseArgs.find(spec, exercise);
            RunCommand.checkPort(spec, webUi.port);
            PipelineConfig cfg = e.runConfig();
            PrintWriter out = spec.commandLine().getOut();
            out.println("lab exercise run: " + e.number() + ". " + e.title() + " — "
                    + (solution ? "the reference solution" : "your code"));
            out.println("  Web UI      " + EmbeddedFlink.url(webUi.port));
            out.println("  symptom     " + e.symptom());
            out.println("  look at     the Web UI (job graph, Exceptions, Checkpoints, Watermarks, metrics) and the output below");
            out.println("  README      " + ExerciseArgs.sourceDir(e) + "README.md");
            out.println("  check       ./lab check " + e.number());
            out.println("  Flink log   " + LabLog.file());
            out.flush();
            Variant variant = solution ? Variant.SOLUTION : Variant.LEARNER;
            java.io.PrintStream progress = new java.io.PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
            return RunCommand.runWithWebUi(cfg, e.partsForRun(variant, progress), webUi.port, duration, out);
        }

        private int runTroubledJob() throws Exception {
            if (solution) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "'all' runs your code of every exercise; --solution goes with one exercise");
            }
            RunCommand.checkPort(spec, webUi.port);
            PrintWriter out = spec.commandLine().getOut();
            TroubledStreamingJob job = new TroubledStreamingJob();
            out.println("lab exercise run all: the troubled job — your code of exercises " + job.exerciseNumbers() + " at once");
            out.println("  Web UI      " + EmbeddedFlink.url(webUi.port));
            job.exercises().forEach(e -> out.printf("  %-11s %s: %s%n", "exercise " + e.number(), e.title(), e.symptom()));
            out.println("  start with  ./lab exercises, then ./lab exercise run 1");
            out.println("  Flink log   " + LabLog.file());
            out.flush();
            return RunCommand.runWithWebUi(TroubledStreamingJob.config(), job, webUi.port, duration, out);
        }
    }
}

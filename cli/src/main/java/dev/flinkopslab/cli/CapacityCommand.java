package dev.flinkopslab.cli;

import dev.flinkopslab.exercises.Exercises;
import dev.flinkopslab.exercises.Variant;
import dev.flinkopslab.ops.capacity.CapacityPlan;
import dev.flinkopslab.ops.capacity.CapacityPlanner;
import dev.flinkopslab.pipeline.PipelineParts;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lab capacity}: capacity planning by measurement — the sustainable records/s of one slot for a job,
 * and the parallelism, slots and TaskManagers a target rate needs with headroom.
 */
@Command(name = "capacity", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure records/s per slot of a job and plan the parallelism and TaskManagers for a target rate.")
final class CapacityCommand implements Callable<Integer> {
    /** Which job to measure. */
    enum Job { LEARNER, SOLUTION, REFERENCE }

    @Spec
    CommandSpec spec;

    @Option(names = "--target-rate", required = true, paramLabel = "<records/s>",
            description = "Records per second the job must sustain.")
    long targetRate;

    @Option(names = "--job", defaultValue = "learner", paramLabel = "learner|solution|reference",
            description = "learner: your code of exercise 4 (capacity); solution: its solution; reference: the "
                    + "measurement pipeline (default: ${DEFAULT-VALUE}).")
    Job job;

    @Option(names = "--headroom", defaultValue = "0.3", paramLabel = "<fraction>",
            description = "Spare capacity on top of the target, for catching up and peaks (default: ${DEFAULT-VALUE}).")
    double headroom;

    @Option(names = "--slots-per-taskmanager", defaultValue = "4", paramLabel = "<n>",
            description = "Task slots each TaskManager offers (default: ${DEFAULT-VALUE}).")
    int slotsPerTaskManager;

    @Option(names = "--records", defaultValue = "300000", paramLabel = "<n>",
            description = "Records the measurement run reads (default: ${DEFAULT-VALUE}).")
    long records;

    @Override
    public Integer call() throws Exception {
        require(targetRate > 0, "--target-rate must be positive (got " + targetRate + ")");
        require(headroom >= 0, "--headroom must not be negative (got " + headroom + ")");
        require(slotsPerTaskManager >= 1, "--slots-per-taskmanager must be at least 1 (got " + slotsPerTaskManager + ")");
        require(records >= 10_000, "--records must be at least 10000 for a meaningful rate (got " + records + ")");
        PrintWriter out = spec.commandLine().getOut();
        out.println("lab capacity: measuring " + DashedEnumConverter.name(job) + " at parallelism 1 ("
                + String.format(java.util.Locale.ROOT, "%,d", records) + " records, as fast as possible)");
        out.flush();
        PrintStream progress = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        CapacityPlan plan = new CapacityPlanner(parts(), records, progress)
                .measureAndPlan(targetRate, headroom, slotsPerTaskManager);
        out.println(plan.describe());
        out.flush();
        return ExitCodes.OK;
    }

    private PipelineParts parts() {
        return switch (job) {
            case REFERENCE -> PipelineParts.REFERENCE;
            case LEARNER, SOLUTION -> Exercises.byNumber(4).orElseThrow()
                    .parts(job == Job.SOLUTION ? Variant.SOLUTION : Variant.LEARNER);
        };
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}

package dev.flinkopslab.exercises.check;

import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Two check runs at the same time, each on its own embedded cluster, for checks that compare two jobs'
 * speed: whatever else the machine does slows both alike, so their ratio holds where absolute figures do
 * not. Both clusters start first; the two jobs are submitted together, so neither gets a head start.
 */
public final class SideBySide {
    private static final String OTHER_RUN_FAILED = "the other run of the pair did not start";

    private SideBySide() {}

    /** Starts both runs, each in its own directory under the check's; the caller awaits and closes them. */
    public static List<CheckRun> start(PipelineConfig config, PipelineParts first, String firstDir,
                                       PipelineParts second, String secondDir, CheckContext context) throws Exception {
        CyclicBarrier submitTogether = new CyclicBarrier(2);
        ExecutorService starter = Executors.newFixedThreadPool(2);
        try {
            Future<CheckRun> a = starter.submit(() -> startOne(config, first, firstDir, context, submitTogether));
            Future<CheckRun> b = starter.submit(() -> startOne(config, second, secondDir, context, submitTogether));
            List<CheckRun> runs = new ArrayList<>(2);
            Exception failure = null;
            for (Future<CheckRun> f : List.of(a, b)) {
                try {
                    runs.add(f.get());
                } catch (ExecutionException e) {
                    Exception cause = e.getCause() instanceof Exception c ? c : e;
                    if (failure == null || OTHER_RUN_FAILED.equals(failure.getMessage())) {
                        failure = cause; // the run that failed says why, not the one it took down
                    }
                }
            }
            if (failure != null) {
                for (CheckRun run : runs) {
                    run.close();
                }
                throw failure;
            }
            return runs;
        } finally {
            starter.shutdownNow();
        }
    }

    private static CheckRun startOne(PipelineConfig config, PipelineParts parts, String dir, CheckContext context,
                                     CyclicBarrier submitTogether) throws Exception {
        CheckContext own = new CheckContext(context.workDir().resolve(dir), context.progress());
        try {
            // The probe hook runs after the cluster started and the job was built, just before submission.
            return CheckRun.start(config, parts, own, outputs -> {
                try {
                    submitTogether.await(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(OTHER_RUN_FAILED, e);
                }
            });
        } catch (Exception e) {
            submitTogether.reset(); // releases the other run, which then fails too
            throw e;
        }
    }
}

package dev.flinkopslab.pipeline;

import dev.flinkopslab.pipeline.options.JobArguments;
import dev.flinkopslab.pipeline.options.JobOptions;
import dev.flinkopslab.pipeline.options.Target;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The measurement pipeline as a job for a real cluster: the entry class of the job JAR that {@code lab submit}
 * uploads. Program arguments are the job's options named like {@code lab run}'s ({@link JobArguments#ALL}:
 * {@code --source kafka --checkpoint-interval 1s --stop-at-latest ...}). On a cluster the default restart strategy
 * is {@link Target#CLUSTER}'s, and without {@code --parallelism} the job takes the parallelism it was submitted
 * with. Bad arguments throw {@link IllegalArgumentException} with a one-line message.
 */
public final class MeasurementJob {

    private MeasurementJob() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PipelineConfig cfg = config(args, env.getParallelism());
        env.configure(MeasurementPipeline.flinkConfiguration(cfg));
        PipelineSinks.attach(MeasurementPipeline.build(env, cfg), cfg);
        env.execute(cfg.jobName);
    }

    /** Program arguments → the pipeline's typed config; {@code defaultParallelism} when none is given. */
    public static PipelineConfig config(String[] args, int defaultParallelism) {
        Configuration options = JobArguments.parse(args);
        if (!options.contains(JobOptions.PARALLELISM)) {
            options.set(JobOptions.PARALLELISM, defaultParallelism);
        }
        return PipelineConfig.from(options, Target.CLUSTER);
    }
}

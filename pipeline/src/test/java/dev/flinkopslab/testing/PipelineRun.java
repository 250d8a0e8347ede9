package dev.flinkopslab.testing;

import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PartFiles;
import dev.flinkopslab.pipeline.PipelineSinks;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Starts the pipeline with file sinks on the MiniCluster in context, and reads back what it committed. */
public final class PipelineRun {
    private final PipelineConfig config;
    private final Path outputDir;

    public PipelineRun(PipelineConfig config, Path outputDir) {
        this.outputDir = outputDir;
        this.config = config.toBuilder().sink(PipelineConfig.SinkKind.FILE).outputDir(outputDir.toString()).build();
    }

    public JobClient start() throws Exception {
        StreamExecutionEnvironment env = MeasurementPipeline.environment(config);
        PipelineSinks.attach(MeasurementPipeline.build(env, config), config);
        return env.executeAsync(config.jobName);
    }

    /** Runs to the end (bounded input) and returns the job client of the finished job. */
    public JobClient runToCompletion() throws Exception {
        JobClient client = start();
        client.getJobExecutionResult().get();
        return client;
    }

    public List<String> windows() {
        return PartFiles.committedLines(outputDir.resolve(PipelineSinks.WINDOWS_DIR));
    }

    public List<String> lateRecords() {
        return PartFiles.committedLines(outputDir.resolve(PipelineSinks.LATE_DIR));
    }

    public List<String> deadLetters() {
        return PartFiles.committedLines(outputDir.resolve(PipelineSinks.DEAD_LETTERS_DIR));
    }
}

package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.measurements.WindowResult;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Attaches the configured sinks to the pipeline's outputs (Sink V2 throughout):
 *
 * <ul>
 *   <li>PRINT — window results to stdout, late records and dead letters to stderr;
 *   <li>FILE — exactly-once part files under {@code outputDir}/{windows,late,dead-letters}, committed on
 *       checkpoints (files are rolled on every checkpoint, so a checkpoint makes its output visible);
 *   <li>DISCARD — nothing is written (benchmarks);
 *   <li>KAFKA — window results as CSV lines to {@code kafka.outputTopic()} in transactions committed on
 *       checkpoints (read them with isolation.level=read_committed); late records and dead letters to stderr.
 * </ul>
 */
public final class PipelineSinks {
    public static final String WINDOWS_DIR = "windows";
    public static final String LATE_DIR = "late";
    public static final String DEAD_LETTERS_DIR = "dead-letters";

    private PipelineSinks() {}

    public static void attach(MeasurementPipeline.Outputs outputs, PipelineConfig c) {
        switch (c.sink) {
            case PRINT -> {
                text(outputs.windows().map(WindowResult::toDisplay, Types.STRING), "windows", new PrintSink<>(false));
                printSideOutputs(outputs);
            }
            case FILE -> {
                text(outputs.windows().map(WindowResult::toCsv, Types.STRING), "windows", fileSink(c, WINDOWS_DIR, ".csv"));
                text(outputs.lateRecords().map(Measurement::toString, Types.STRING), "late", fileSink(c, LATE_DIR, ".txt"));
                text(outputs.deadLetters().map(DeadLetter::toLine, Types.STRING), "dead-letters",
                        fileSink(c, DEAD_LETTERS_DIR, ".txt"));
            }
            case KAFKA -> {
                text(outputs.windows().map(WindowResult::toCsv, Types.STRING), "windows", KafkaParts.exactlyOnceSink(c.kafka));
                printSideOutputs(outputs);
            }
            case DISCARD -> {
                outputs.windows().sinkTo(new DiscardingSink<>()).uid("windows-sink").name("Discard windows");
                outputs.lateRecords().sinkTo(new DiscardingSink<>()).uid("late-sink").name("Discard late records");
                outputs.deadLetters().sinkTo(new DiscardingSink<>()).uid("dead-letters-sink").name("Discard dead letters");
            }
        }
    }

    /** Late records and dead letters on stderr, where a user watching the window results sees them. */
    private static void printSideOutputs(MeasurementPipeline.Outputs outputs) {
        text(outputs.lateRecords().map(m -> "LATE " + m, Types.STRING), "late", new PrintSink<>(true));
        text(outputs.deadLetters().map(d -> "DEAD LETTER " + d.toLine(), Types.STRING), "dead-letters",
                new PrintSink<>(true));
    }

    private static void text(SingleOutputStreamOperator<String> lines, String output, Sink<String> sink) {
        DataStream<String> formatted = lines.uid(output + "-format").name("Format " + output);
        formatted.sinkTo(sink).uid(output + "-sink").name("Sink " + output);
    }

    private static FileSink<String> fileSink(PipelineConfig c, String subdir, String suffix) {
        return FileSink.forRowFormat(new Path(c.outputDir, subdir), new SimpleStringEncoder<String>("UTF-8"))
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix(subdir).withPartSuffix(suffix).build())
                .build();
    }
}

package dev.flinkopslab.exercises.latency.solution;

import dev.flinkopslab.pipeline.AggregateMeasurements;
import dev.flinkopslab.pipeline.EmitWindowResult;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;

/**
 * Exercise 3, solved. A window's result leaves when the watermark passes the window's end, and reaches the
 * next operator when the network buffer holding it is sent. The out-of-orderness bound (250 ms) is a wait no
 * fix removes, and the data adds some more: the watermark follows the partition whose newest record is
 * oldest, typically 40 ms behind the clock here. Three things added seconds on top:
 *
 * <ul>
 *   <li>The watermark interval. Watermarks are emitted periodically; with 2 s a window waits up to 2 s
 *       after the watermark could have closed it. Even Flink's default, 200 ms, would use up most of what is
 *       left after the bound. 20 ms costs one cheap timer per source subtask.
 *   <li>The buffer timeout. A network buffer is sent when it is full or when the timeout expires. Results
 *       and watermarks are small, so they waited up to a second at every network hop. 5 ms adds at most 5 ms
 *       per hop; at high rates buffers fill before that anyway, so throughput keeps its batching.
 *   <li>Buffering the window. A {@link ProcessWindowFunction} alone keeps every reading of a window in state
 *       until it fires, then goes through all of them at once: state and checkpoints grow with the input
 *       rate, and the work lands exactly when the result is due. An {@link AggregateFunction} folds each
 *       reading into one small accumulator as it arrives; the window function only adds the key and the
 *       window bounds to the finished aggregate.
 * </ul>
 *
 * <p>The last is how the reference pipeline computes its windows, so this class keeps
 * {@link PipelineParts#aggregate} as it is: {@link AggregateMeasurements} folds the readings,
 * {@link EmitWindowResult} adds the key and the window bounds.
 */
public class WindowResultPartsSolution extends PipelineParts {
    public static final Duration WATERMARK_INTERVAL = Duration.ofMillis(20);
    public static final Duration BUFFER_TIMEOUT = Duration.ofMillis(5);

    @Override
    public void configure(Configuration flinkConfiguration, PipelineConfig c) {
        flinkConfiguration.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, WATERMARK_INTERVAL);
        flinkConfiguration.set(ExecutionOptions.BUFFER_TIMEOUT, BUFFER_TIMEOUT);
    }
}

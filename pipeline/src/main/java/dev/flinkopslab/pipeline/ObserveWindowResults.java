package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.WindowResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.functions.RuntimeContext;

/** Shows every window result to the job's {@link ResultMetrics} and passes it on unchanged. */
public final class ObserveWindowResults extends RichMapFunction<WindowResult, WindowResult> {
    private final ResultMetrics metrics;

    public ObserveWindowResults(ResultMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void setRuntimeContext(RuntimeContext context) {
        super.setRuntimeContext(context);
        metrics.setRuntimeContext(context);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        metrics.open(openContext);
    }

    @Override
    public void close() throws Exception {
        metrics.close();
    }

    @Override
    public WindowResult map(WindowResult result) {
        metrics.windowResult(result);
        return result;
    }
}

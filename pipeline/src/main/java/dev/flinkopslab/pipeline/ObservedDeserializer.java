package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.source.SourceRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs a deserializer and its {@link ParseMetrics} as one function, in one operator: both share the runtime
 * context, and every dead letter the deserializer emits is shown to the metrics before it goes on.
 */
public final class ObservedDeserializer extends ProcessFunction<SourceRecord, Measurement> {
    private final ProcessFunction<SourceRecord, Measurement> deserializer;
    private final ParseMetrics metrics;
    private transient Watched watched;

    public ObservedDeserializer(ProcessFunction<SourceRecord, Measurement> deserializer, ParseMetrics metrics) {
        this.deserializer = deserializer;
        this.metrics = metrics;
    }

    @Override
    public void setRuntimeContext(RuntimeContext context) {
        super.setRuntimeContext(context);
        deserializer.setRuntimeContext(context);
        metrics.setRuntimeContext(context);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        metrics.open(openContext);
        deserializer.open(openContext);
        watched = new Watched();
    }

    @Override
    public void close() throws Exception {
        try {
            deserializer.close();
        } finally {
            metrics.close();
        }
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<Measurement> out) throws Exception {
        watched.ctx = ctx;
        deserializer.processElement(record, watched, out);
    }

    /** The operator's context, passed through, with the dead letters shown to the metrics on their way out. */
    private final class Watched extends ProcessFunction<SourceRecord, Measurement>.Context {
        ProcessFunction<SourceRecord, Measurement>.Context ctx;

        Watched() {
            deserializer.super();
        }

        @Override
        public Long timestamp() {
            return ctx.timestamp();
        }

        @Override
        public TimerService timerService() {
            return ctx.timerService();
        }

        @Override
        public <X> void output(OutputTag<X> outputTag, X value) {
            if (value instanceof DeadLetter deadLetter) {
                metrics.invalidRecord(deadLetter);
            }
            ctx.output(outputTag, value);
        }
    }
}

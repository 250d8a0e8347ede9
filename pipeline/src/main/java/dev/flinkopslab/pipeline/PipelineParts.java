package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.measurements.WindowResult;
import dev.flinkopslab.source.SourceRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The replaceable parts of the measurement pipeline. This class is the reference implementation; an exercise
 * overrides one part with the learner's code (or its solution) and leaves the rest of the job as it is, so
 * there is one pipeline and each flaw is a small named variation of it.
 */
public class PipelineParts {
    public static final PipelineParts REFERENCE = new PipelineParts();

    /** Per-partition watermarks: bounded out-of-orderness, with idleness unless the timeout is 0. */
    public WatermarkStrategy<SourceRecord> watermarks(PipelineConfig c) {
        WatermarkStrategy<SourceRecord> watermarks = WatermarkStrategy.forBoundedOutOfOrderness(c.outOfOrderness);
        return c.idleTimeout.isZero() ? watermarks : watermarks.withIdleness(c.idleTimeout);
    }

    /**
     * Record values to measurements; malformed ones to {@link MeasurementPipeline#DEAD_LETTERS}, never a crash.
     * What it reports about them is {@link #parseMetrics}'s.
     */
    public ProcessFunction<SourceRecord, Measurement> deserializer(PipelineConfig c) {
        return c.parse == PipelineConfig.ParseMode.JSON
                ? new ParseMeasurements(MeasurementPipeline.DEAD_LETTERS) : new TrivialParse();
    }

    /**
     * What the deserializer reports: runs in the deserializer's operator and sees every record it sends to the
     * dead letters. The reference counts them in {@value CountInvalidRecords#INVALID_RECORDS_METRIC}.
     */
    public ParseMetrics parseMetrics() {
        return new CountInvalidRecords();
    }

    /** What deserialization produces: the measurements, and the malformed records as dead letters. */
    public record Deserialized(DataStream<Measurement> measurements, DataStream<DeadLetter> deadLetters) {}

    /**
     * Deserialization as a stream step. The reference runs {@link #deserializer} with {@link #parseMetrics} as
     * one operator and takes the dead letters from its side output; a variant may parse in several operators
     * (each with a uid and a name).
     */
    public Deserialized deserialize(DataStream<SourceRecord> records, PipelineConfig c) {
        SingleOutputStreamOperator<Measurement> parsed = records
                .process(new ObservedDeserializer(deserializer(c), parseMetrics()), TypeInformation.of(Measurement.class))
                .uid(MeasurementPipeline.Uids.PARSE)
                .name(c.parse == PipelineConfig.ParseMode.JSON ? "Deserialize JSON" : "Trivial parse");
        return new Deserialized(parsed, parsed.getSideOutput(MeasurementPipeline.DEAD_LETTERS));
    }

    /** Steps between deserialization and the windows; none in the reference. Each added step needs a uid and a name. */
    public DataStream<Measurement> beforeWindows(DataStream<Measurement> measurements, PipelineConfig c) {
        return measurements;
    }

    /** The per-window computation: incremental aggregation, one accumulator per key and window. */
    public SingleOutputStreamOperator<WindowResult> aggregate(WindowedStream<Measurement, String, TimeWindow> windows) {
        TypeInformation<WindowAccumulator> accumulatorType = TypeInformation.of(WindowAccumulator.class);
        return windows.aggregate(new AggregateMeasurements(), new EmitWindowResult(), accumulatorType,
                accumulatorType, TypeInformation.of(WindowResult.class));
    }

    /**
     * What the window results report as they leave: runs chained to the window operator and sees every result.
     * The reference measures {@value MeasureEventTimeLag#EVENT_TIME_LAG_METRIC}.
     */
    public ResultMetrics resultMetrics() {
        return new MeasureEventTimeLag();
    }

    /** The last word on the job's Flink configuration (latency, checkpointing, metrics reporters ...). */
    public void configure(Configuration flinkConfiguration, PipelineConfig c) {}
}

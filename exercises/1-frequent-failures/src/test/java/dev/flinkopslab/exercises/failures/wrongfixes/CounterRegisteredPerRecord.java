package dev.flinkopslab.exercises.failures.wrongfixes;

import dev.flinkopslab.measurements.DeadLetter;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.InvalidRecordException;
import dev.flinkopslab.pipeline.MeasurementParser;
import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.source.SourceRecord;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Wrong fix: dead letters right, but the counter is looked up where it is needed — registered anew for every
 * malformed record. Flink keeps the first registration of a name and hands out fresh, unreported counters after
 * that ("Name collision"), so 'numInvalidRecords' stays at one per subtask.
 */
public class CounterRegisteredPerRecord extends ProcessFunction<SourceRecord, Measurement> {
    private final MeasurementParser parser = new MeasurementParser();

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<Measurement> out) {
        try {
            out.collect(parser.parse(record.value));
        } catch (InvalidRecordException e) {
            getRuntimeContext().getMetricGroup().counter("numInvalidRecords").inc();
            ctx.output(MeasurementPipeline.DEAD_LETTERS, new DeadLetter(record.partition, record.offset, e.getMessage(),
                    record.valueAsString()));
        }
    }
}

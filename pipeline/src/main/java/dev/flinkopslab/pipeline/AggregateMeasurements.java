package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.Measurement;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Incremental window aggregation: one small accumulator per key and window, never the records themselves.
 * Public so that exercises can pair it with their own window function.
 */
public final class AggregateMeasurements implements AggregateFunction<Measurement, WindowAccumulator, WindowAccumulator> {

    @Override
    public WindowAccumulator createAccumulator() {
        return new WindowAccumulator();
    }

    @Override
    public WindowAccumulator add(Measurement m, WindowAccumulator acc) {
        acc.count++;
        acc.sumCenti += m.valueCenti;
        acc.minCenti = Math.min(acc.minCenti, m.valueCenti);
        acc.maxCenti = Math.max(acc.maxCenti, m.valueCenti);
        return acc;
    }

    @Override
    public WindowAccumulator getResult(WindowAccumulator acc) {
        return acc;
    }

    @Override
    public WindowAccumulator merge(WindowAccumulator a, WindowAccumulator b) {
        a.count += b.count;
        a.sumCenti += b.sumCenti;
        a.minCenti = Math.min(a.minCenti, b.minCenti);
        a.maxCenti = Math.max(a.maxCenti, b.maxCenti);
        return a;
    }
}

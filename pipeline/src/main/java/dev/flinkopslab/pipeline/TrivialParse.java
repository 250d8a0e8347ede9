package dev.flinkopslab.pipeline;

import dev.flinkopslab.measurements.City;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.source.SourceRecord;
import java.util.List;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The "Flink floor" parse step for benchmarks: builds a measurement from the record's coordinates without
 * reading its JSON, so the job around it (source, shuffle, windows) is all that is measured. Keys spread over
 * the same cities as the real data.
 */
final class TrivialParse extends ProcessFunction<SourceRecord, Measurement> {
    private static final List<City> CITIES = City.all();

    @Override
    public void processElement(SourceRecord r, Context ctx, Collector<Measurement> out) {
        City city = CITIES.get((int) ((r.offset + r.partition) % CITIES.size()));
        out.collect(new Measurement("floor", city.name(), city.latitude(), city.longitude(), r.timestamp,
                r.value.length, "°C", 100, "floor"));
    }
}

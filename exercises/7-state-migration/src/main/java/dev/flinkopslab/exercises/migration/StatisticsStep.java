package dev.flinkopslab.exercises.migration;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.measurements.Measurement;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

/**
 * Where the statistics step sits in the pipeline: keyed by sensor, before the windows, with a stable uid. The
 * uid and the state name are how a savepoint's state finds its way back into the job: the savepoint maps
 * state to operators by uid, and within the operator to state by name.
 */
@DoNotChangeThis("both versions of the job plug in here; the uid is the contract with V1's savepoints")
public final class StatisticsStep {
    public static final String UID = "sensor-statistics";
    /** The name V1 registered its {@code ValueState<SensorStats>} under. */
    public static final String STATE_NAME = "sensor-stats";

    private StatisticsStep() {}

    public static DataStream<Measurement> attach(DataStream<Measurement> measurements,
                                                 KeyedProcessFunction<String, Measurement, Measurement> statistics) {
        return measurements.keyBy(new SensorKey())
                .process(statistics, TypeInformation.of(Measurement.class))
                .uid(UID).name("Sensor statistics");
    }

    /** The key: a measurement's sensor. */
    static final class SensorKey implements KeySelector<Measurement, String> {
        @Override
        public String getKey(Measurement m) {
            return m.sensorId;
        }
    }
}

package dev.flinkopslab.exercises.migration;

import dev.flinkopslab.exercises.DoNotChangeThis;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * Reads every sensor's {@link SensorStats} out of a savepoint with the State Processor API — the same tool
 * that can rewrite a savepoint when a state type cannot evolve (see the exercise README).
 */
@DoNotChangeThis("the check reads both versions' state through this")
public final class StatsSavepoints {
    private StatsSavepoints() {}

    /**
     * Sensor → statistics, as stored under {@link StatisticsStep#STATE_NAME} of operator {@link StatisticsStep#UID};
     * the reading runs as a small batch job on the cluster at {@code restUrl}.
     */
    public static Map<String, SensorStats> read(String restUrl, Path savepoint) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        URI cluster = URI.create(restUrl);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(cluster.getHost(),
                cluster.getPort(), conf);
        env.setParallelism(2);
        SavepointReader reader = SavepointReader.read(env, savepoint.toUri().toString(), new HashMapStateBackend());
        DataStream<Tuple2<String, SensorStats>> entries = reader.readKeyedState(
                OperatorIdentifier.forUid(StatisticsStep.UID), new ReadStats(), Types.STRING,
                Types.TUPLE(Types.STRING, TypeInformation.of(SensorStats.class)));
        Map<String, SensorStats> bySensor = new TreeMap<>();
        try (CloseableIterator<Tuple2<String, SensorStats>> it = entries.executeAndCollect("read sensor statistics")) {
            while (it.hasNext()) {
                Tuple2<String, SensorStats> entry = it.next();
                bySensor.put(entry.f0, entry.f1);
            }
        }
        return bySensor;
    }

    /** One call per key in the savepoint's keyed state. */
    static final class ReadStats extends KeyedStateReaderFunction<String, Tuple2<String, SensorStats>> {
        private transient ValueState<SensorStats> stats;

        @Override
        public void open(OpenContext openContext) {
            stats = getRuntimeContext().getState(
                    new ValueStateDescriptor<>(StatisticsStep.STATE_NAME, TypeInformation.of(SensorStats.class)));
        }

        @Override
        public void readKey(String sensor, Context ctx, Collector<Tuple2<String, SensorStats>> out) throws Exception {
            SensorStats s = stats.value();
            if (s != null) {
                out.collect(Tuple2.of(sensor, s));
            }
        }
    }
}

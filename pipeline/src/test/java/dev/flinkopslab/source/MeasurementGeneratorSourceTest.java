package dev.flinkopslab.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The source as Flink runs it: every offset of every partition exactly once, and honest event times. */
class MeasurementGeneratorSourceTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

    @Test
    void boundedRunEmitsEachOffsetOfEachPartitionOnceWithTheGeneratorsContent() throws Exception {
        GeneratorConfig config = GeneratorConfig.builder().seed(9).maxRecords(10_001).malformedFraction(0.1).build();
        MeasurementRecordGenerator generator = new MeasurementRecordGenerator(config);
        Map<Integer, List<Long>> offsets = new HashMap<>();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(3);
        List<SourceRecord> all = new ArrayList<>();
        env.fromSource(new MeasurementGeneratorSource(config), WatermarkStrategy.noWatermarks(), "source")
                .executeAndCollect().forEachRemaining(all::add);

        for (SourceRecord r : all) {
            offsets.computeIfAbsent(r.partition, p -> new ArrayList<>()).add(r.offset);
            var expected = generator.generateBounded(r.partition, r.offset, GeneratorConfig.DEFAULT_BOUNDED_ORIGIN);
            assertThat(r.value).isEqualTo(expected.value());
            assertThat(r.timestamp).isEqualTo(expected.measurement().timestamp);
        }
        assertThat(offsets).hasSize(8);
        offsets.forEach((p, list) -> {
            list.sort(null);
            assertThat(list).as("partition " + p).hasSize((int) config.recordsInPartition(p));
            for (int i = 0; i < list.size(); i++) {
                assertThat(list.get(i)).isEqualTo(i);
            }
        });
    }

    @ParameterizedTest(name = "rate {0}/s")
    @ValueSource(longs = {0, 4_000})
    void unboundedEventTimesNeverRunAheadOfTheWallClock(long rate) throws Exception {
        GeneratorConfig config = GeneratorConfig.builder().unbounded().eventsPerSecond(rate).build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        long checked = 0;
        try (CloseableIterator<SourceRecord> records = env
                .fromSource(new MeasurementGeneratorSource(config), WatermarkStrategy.noWatermarks(), "source")
                .executeAndCollect()) {
            while (checked < 5_000 && records.hasNext()) {
                SourceRecord r = records.next();
                assertThat(r.timestamp).as("event time of %s", r).isLessThanOrEqualTo(System.currentTimeMillis());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(5_000);
    }
}

package dev.flinkopslab.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkopslab.measurements.City;
import dev.flinkopslab.pipeline.InvalidRecordException;
import dev.flinkopslab.pipeline.MeasurementParser;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeasurementRecordGeneratorTest {
    private static final long ORIGIN = GeneratorConfig.DEFAULT_BOUNDED_ORIGIN;
    private final MeasurementParser parser = new MeasurementParser();

    @Test
    void sameSeedGivesTheSameRecordsAndAnotherSeedDifferentOnes() {
        GeneratorConfig config = GeneratorConfig.builder().seed(7).malformedFraction(0.1).build();
        MeasurementRecordGenerator a = new MeasurementRecordGenerator(config);
        MeasurementRecordGenerator b = new MeasurementRecordGenerator(config);
        MeasurementRecordGenerator other = new MeasurementRecordGenerator(config.toBuilder().seed(8).build());
        int differing = 0;
        for (int p = 0; p < 8; p++) {
            for (long o = 0; o < 200; o++) {
                var x = a.generateBounded(p, o, ORIGIN);
                assertThat(b.generateBounded(p, o, ORIGIN).value()).isEqualTo(x.value());
                if (!java.util.Arrays.equals(other.generateBounded(p, o, ORIGIN).value(), x.value())) {
                    differing++;
                }
            }
        }
        assertThat(differing).isGreaterThan(1500);
    }

    @Test
    void validRecordsAreRealisticJsonThatParsesBackToTheGeneratedMeasurement() throws Exception {
        MeasurementRecordGenerator generator = new MeasurementRecordGenerator(GeneratorConfig.defaults());
        Set<String> locations = new HashSet<>();
        for (long o = 0; o < 2000; o++) {
            var r = generator.generateBounded((int) (o % 8), o, ORIGIN);
            assertThat(r.malformed()).isFalse();
            assertThat(r.value().length).isBetween(150, 300);
            assertThat(parser.parse(r.value())).isEqualTo(r.measurement());
            locations.add(r.measurement().location);
        }
        assertThat(locations).hasSize(City.all().size());
    }

    @Test
    void eventTimesTrailTheirNominalTimeByAtMostTheOutOfOrderness() {
        GeneratorConfig config = GeneratorConfig.builder().outOfOrdernessMs(300).build();
        MeasurementRecordGenerator generator = new MeasurementRecordGenerator(config);
        long maxJitter = 0;
        for (long o = 0; o < 5000; o++) {
            long nominal = config.nominalTimestamp(ORIGIN, o);
            long jitter = nominal - generator.generate(3, o, nominal).measurement().timestamp;
            assertThat(jitter).isBetween(0L, 300L);
            maxJitter = Math.max(maxJitter, jitter);
        }
        assertThat(maxJitter).isGreaterThan(250);
    }

    @Test
    void everyKindOfMalformedRecordIsRejectedWithAReason() {
        MeasurementRecordGenerator generator =
                new MeasurementRecordGenerator(GeneratorConfig.builder().malformedFraction(1.0).build());
        Set<MeasurementRecordGenerator.Defect> seen = EnumSet.noneOf(MeasurementRecordGenerator.Defect.class);
        for (long o = 0; o < 500; o++) {
            var r = generator.generateBounded(0, o, ORIGIN);
            assertThat(r.malformed()).isTrue();
            seen.add(r.defect());
            assertThatThrownBy(() -> parser.parse(r.value()))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessageMatching(switch (r.defect()) {
                        case TRUNCATED_JSON, NOT_JSON -> "not valid JSON.*|not a JSON object|JSON object is not closed";
                        case MISSING_LOCATION -> "missing field 'location'";
                        case VALUE_OUT_OF_RANGE -> "value .* is outside the sensor range.*";
                        case VALUE_NOT_A_NUMBER -> "field 'value' is not a number";
                    });
        }
        assertThat(seen).containsExactlyInAnyOrder(MeasurementRecordGenerator.Defect.values());
    }

    @Test
    void boundedCountIsSpreadOverPartitions() {
        GeneratorConfig config = GeneratorConfig.builder().maxRecords(1003).build();
        long total = 0;
        for (int p = 0; p < 8; p++) {
            assertThat(config.recordsInPartition(p)).isBetween(125L, 126L);
            total += config.recordsInPartition(p);
        }
        assertThat(total).isEqualTo(1003);
    }

    @Test
    void inconsistentSettingsAreRejectedWithAClearMessage() {
        assertThatThrownBy(() -> GeneratorConfig.builder().malformedFraction(1.5).build())
                .hasMessage("malformed fraction must be within 0..1 (got 1.5)");
        assertThatThrownBy(() -> GeneratorConfig.builder().idlePartitions(java.util.List.of(9), 0).build())
                .hasMessage("idle partition 9 does not exist (partitions are 0..7)");
    }
}

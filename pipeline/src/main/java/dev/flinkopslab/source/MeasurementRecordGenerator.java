package dev.flinkopslab.source;

import dev.flinkopslab.measurements.City;
import dev.flinkopslab.measurements.Measurement;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The content of the "measurements" topic as a pure function of (seed, partition, offset): the same seed
 * gives the same records in every partition, whichever reader produces them and however often a restart
 * replays them. Tests use it to compute the expected results without Flink.
 */
public final class MeasurementRecordGenerator implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How a malformed record is broken; each is something a real producer has been seen to send. */
    public enum Defect { TRUNCATED_JSON, MISSING_LOCATION, VALUE_OUT_OF_RANGE, VALUE_NOT_A_NUMBER, NOT_JSON }

    private static final int SENSORS_PER_CITY = 50;

    private final GeneratorConfig config;

    public MeasurementRecordGenerator(GeneratorConfig config) {
        this.config = config;
    }

    /** What the generator decided for one offset; {@code measurement} is what the JSON encodes when valid. */
    public record Generated(Measurement measurement, Defect defect, boolean late, byte[] value) {
        public boolean malformed() {
            return defect != null;
        }
    }

    /**
     * The record at {@code offset} of {@code partition}. Its event time is {@code nominalTimestamp} minus a
     * random out-of-orderness (and, for late records, 1–3 s more).
     */
    public Generated generate(int partition, long offset, long nominalTimestamp) {
        SplittableRandom random = randomFor(partition, offset);
        List<City> cities = City.all();
        City city = cities.get(random.nextInt(cities.size()));
        String sensorId = city.name().substring(0, 3).toUpperCase(Locale.ROOT) + "-" + pad3(random.nextInt(SENSORS_PER_CITY));
        long valueCenti = Math.round((city.meanTemperature() + random.nextDouble(-8.0, 8.0)) * 100);
        int battery = 5 + random.nextInt(96);
        String firmware = "2." + random.nextInt(5) + "." + random.nextInt(10);
        int signalDbm = -40 - random.nextInt(60);
        long jitter = config.outOfOrdernessMs() > 0 ? random.nextLong(config.outOfOrdernessMs() + 1) : 0;
        double roll = random.nextDouble();
        Defect defect = roll < config.malformedFraction()
                ? Defect.values()[random.nextInt(Defect.values().length)] : null;
        boolean late = defect == null && roll < config.malformedFraction() + config.lateFraction();
        if (late) {
            jitter += config.outOfOrdernessMs() + 1000 + random.nextLong(2000);
        }
        long timestamp = nominalTimestamp - jitter;
        Measurement m = new Measurement(sensorId, city.name(), city.latitude(), city.longitude(), timestamp,
                valueCenti, "°C", battery, firmware);
        byte[] value = defect == null ? json(m, signalDbm, valueText(valueCenti)).getBytes(StandardCharsets.UTF_8)
                : malformed(defect, m, signalDbm, random);
        return new Generated(m, defect, late, value);
    }

    /** The record at {@code offset} of {@code partition} in a bounded run that started at {@code originMs}. */
    public Generated generateBounded(int partition, long offset, long originMs) {
        return generate(partition, offset, config.nominalTimestamp(originMs, offset));
    }

    private SplittableRandom randomFor(int partition, long offset) {
        // SplittableRandom mixes its seed, so a linear combination is enough to decorrelate neighbours.
        return new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + partition * 0xBF58476D1CE4E5B9L
                + offset * 0x94D049BB133111EBL);
    }

    private static byte[] malformed(Defect defect, Measurement m, int signalDbm, SplittableRandom random) {
        String json = switch (defect) {
            case TRUNCATED_JSON -> {
                String full = json(m, signalDbm, valueText(m.valueCenti));
                yield full.substring(0, full.length() / 2);
            }
            case MISSING_LOCATION -> json(m, signalDbm, valueText(m.valueCenti)).replace(
                    "\"location\":\"" + m.location + "\",", "");
            case VALUE_OUT_OF_RANGE -> json(m, signalDbm, valueText(99_999));
            case VALUE_NOT_A_NUMBER -> json(m, signalDbm, "\"n/a\"");
            case NOT_JSON -> null;
        };
        if (json != null) {
            return json.getBytes(StandardCharsets.UTF_8);
        }
        byte[] garbage = new byte[16 + random.nextInt(32)];
        random.nextBytes(garbage);
        garbage[0] = (byte) 0xFF; // never valid UTF-8 nor a JSON start
        return garbage;
    }

    private static String json(Measurement m, int signalDbm, String value) {
        return "{\"sensorId\":\"" + m.sensorId + "\",\"location\":\"" + m.location + "\",\"latitude\":" + m.latitude
                + ",\"longitude\":" + m.longitude + ",\"timestamp\":" + m.timestamp + ",\"value\":" + value
                + ",\"unit\":\"" + m.unit + "\",\"batteryPercent\":" + m.batteryPercent + ",\"firmware\":\""
                + m.firmware + "\",\"signalDbm\":" + signalDbm + ",\"status\":\"OK\"}";
    }

    private static String valueText(long centi) {
        long abs = Math.abs(centi);
        return (centi < 0 ? "-" : "") + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
    }

    private static String pad3(int n) {
        return n < 10 ? "00" + n : n < 100 ? "0" + n : Integer.toString(n);
    }
}

package dev.flinkopslab.measurements;

import java.util.Objects;

/**
 * One parsed sensor reading. A Flink POJO (public fields, no-arg constructor) so that Flink's own
 * PojoSerializer handles it and the job runs with {@code pipeline.generic-types: false}.
 *
 * <p>{@code valueCenti} is the reading in hundredths of the unit: sensors report two decimals, and
 * integer sums are exact whatever order records arrive in, so a restarted job reproduces its results
 * to the last digit (floating-point sums are not associative).
 */
public class Measurement {
    public String sensorId;
    public String location;
    public double latitude;
    public double longitude;
    /** Event time, epoch milliseconds. */
    public long timestamp;
    public long valueCenti;
    public String unit;
    public int batteryPercent;
    public String firmware;

    public Measurement() {}

    public Measurement(String sensorId, String location, double latitude, double longitude, long timestamp,
                       long valueCenti, String unit, int batteryPercent, String firmware) {
        this.sensorId = sensorId;
        this.location = location;
        this.latitude = latitude;
        this.longitude = longitude;
        this.timestamp = timestamp;
        this.valueCenti = valueCenti;
        this.unit = unit;
        this.batteryPercent = batteryPercent;
        this.firmware = firmware;
    }

    public double value() {
        return valueCenti / 100.0;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Measurement m)) {
            return false;
        }
        return timestamp == m.timestamp && valueCenti == m.valueCenti && batteryPercent == m.batteryPercent
                && Double.compare(latitude, m.latitude) == 0 && Double.compare(longitude, m.longitude) == 0
                && Objects.equals(sensorId, m.sensorId) && Objects.equals(location, m.location)
                && Objects.equals(unit, m.unit) && Objects.equals(firmware, m.firmware);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sensorId, location, timestamp, valueCenti);
    }

    @Override
    public String toString() {
        return sensorId + "@" + location + " t=" + timestamp + " " + value() + unit;
    }
}

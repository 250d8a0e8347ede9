package dev.flinkopslab.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.source.GeneratorConfig;
import java.io.IOException;
import java.io.Serializable;

/**
 * Turns a record value (JSON bytes) into a {@link Measurement}, or says precisely why it cannot. Uses
 * Jackson's streaming parser: no tree, no reflection, unknown fields skipped, one shared factory.
 */
public final class MeasurementParser implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    public Measurement parse(byte[] value) throws InvalidRecordException {
        Measurement m = new Measurement();
        boolean hasTimestamp = false;
        boolean hasValue = false;
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRecordException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                switch (field) {
                    case "sensorId" -> m.sensorId = text(p, token, field);
                    case "location" -> m.location = text(p, token, field);
                    case "unit" -> m.unit = text(p, token, field);
                    case "firmware" -> m.firmware = text(p, token, field);
                    case "latitude" -> m.latitude = number(p, token, field);
                    case "longitude" -> m.longitude = number(p, token, field);
                    case "batteryPercent" -> m.batteryPercent = (int) number(p, token, field);
                    case "timestamp" -> {
                        if (token != JsonToken.VALUE_NUMBER_INT) {
                            throw new InvalidRecordException("field 'timestamp' is not an integer");
                        }
                        m.timestamp = p.getLongValue();
                        hasTimestamp = true;
                    }
                    case "value" -> {
                        double v = number(p, token, field);
                        if (v < GeneratorConfig.MIN_VALUE || v > GeneratorConfig.MAX_VALUE) {
                            throw new InvalidRecordException("value " + v + " is outside the sensor range ["
                                    + GeneratorConfig.MIN_VALUE + ", " + GeneratorConfig.MAX_VALUE + "]");
                        }
                        m.valueCenti = Math.round(v * 100);
                        hasValue = true;
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new InvalidRecordException("JSON object is not closed");
            }
        } catch (IOException e) {
            throw new InvalidRecordException("not valid JSON: " + firstLine(e.getMessage()));
        }
        require(m.sensorId != null, "sensorId");
        require(m.location != null, "location");
        require(hasTimestamp, "timestamp");
        require(hasValue, "value");
        require(m.unit != null, "unit");
        return m;
    }

    private static void require(boolean present, String field) throws InvalidRecordException {
        if (!present) {
            throw new InvalidRecordException("missing field '" + field + "'");
        }
    }

    private static String text(JsonParser p, JsonToken token, String field) throws IOException, InvalidRecordException {
        if (token != JsonToken.VALUE_STRING) {
            throw new InvalidRecordException("field '" + field + "' is not a string");
        }
        return p.getText();
    }

    private static double number(JsonParser p, JsonToken token, String field) throws IOException, InvalidRecordException {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new InvalidRecordException("field '" + field + "' is not a number");
        }
        return p.getDoubleValue();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

package dev.flinkopslab.cli;

import dev.flinkopslab.pipeline.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli's side of {@link Durations}: options such as {@code --duration 30s}, and durations in output. */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static String format(Duration d) {
        return Durations.format(d);
    }
}

package dev.flinkopslab.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Enum values the way they are typed on a command line: {@code exactly-once} for {@code EXACTLY_ONCE}.
 * The error lists the valid values, so a typo is fixed without opening --help.
 */
final class DashedEnumConverter<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;

    DashedEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E e : type.getEnumConstants()) {
            if (name(e).equalsIgnoreCase(value.trim()) || e.name().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new TypeConversionException("'" + value + "' is not one of " + names(type));
    }

    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(DashedEnumConverter::name).collect(Collectors.joining(", "));
    }
}

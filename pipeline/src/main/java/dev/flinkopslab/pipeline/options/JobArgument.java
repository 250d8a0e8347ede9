package dev.flinkopslab.pipeline.options;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.TimeUtils;

/**
 * One option of the job as it is typed on a command line: {@code --name value}, and the {@link ConfigOption} it
 * sets. Flink converts the value (numbers, {@link TimeUtils} durations, enums by their dashed names, lists);
 * this class only turns the way people type a value into Flink's syntax and says, in one line, what a value
 * must look like when it does not convert.
 */
public final class JobArgument<T> {
    private final String name;
    private final ConfigOption<T> option;
    private final String expected;
    private final UnaryOperator<String> toFlinkSyntax;
    private final boolean flag;
    private final Predicate<T> valid;
    private final String validMeans;

    private JobArgument(String name, ConfigOption<T> option, String expected, UnaryOperator<String> toFlinkSyntax,
                        boolean flag, Predicate<T> valid, String validMeans) {
        this.name = name;
        this.option = option;
        this.expected = expected;
        this.toFlinkSyntax = toFlinkSyntax;
        this.flag = flag;
        this.valid = valid;
        this.validMeans = validMeans;
    }

    private static <T> JobArgument<T> of(String name, ConfigOption<T> option, String expected) {
        return new JobArgument<>(name, option, expected, UnaryOperator.identity(), false, v -> true, null);
    }

    public static JobArgument<Long> number(String name, ConfigOption<Long> option) {
        return of(name, option, "a whole number");
    }

    public static JobArgument<Integer> integer(String name, ConfigOption<Integer> option) {
        return of(name, option, "a whole number");
    }

    public static JobArgument<Double> fraction(String name, ConfigOption<Double> option) {
        return of(name, option, "a fraction within 0..1").mustBe("a fraction within 0..1", v -> v >= 0 && v <= 1);
    }

    public static JobArgument<String> text(String name, ConfigOption<String> option) {
        return of(name, option, "text");
    }

    public static JobArgument<Duration> duration(String name, ConfigOption<Duration> option) {
        return new JobArgument<>(name, option, "a duration like 500ms, 10s, 5m", JobArgument::requireUnit, false,
                v -> true, null);
    }

    /** Written as lab run's flag ({@code --stop-at-latest}), or with true/false. */
    public static JobArgument<Boolean> flag(String name, ConfigOption<Boolean> option) {
        return new JobArgument<>(name, option, "true or false", UnaryOperator.identity(), true, v -> true, null);
    }

    /** {@code exactly-once}, {@code EXACTLY_ONCE}: the enum's dashed name (its toString), any case. */
    public static <E extends Enum<E>> JobArgument<E> choice(String name, ConfigOption<E> option, Class<E> type) {
        String names = Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        return new JobArgument<>(name, option, "one of " + names, v -> v.trim().replace('_', '-'), false, v -> true, null);
    }

    /** {@code 6,7}; Flink's list syntax separates with ';'. */
    public static JobArgument<List<Integer>> partitions(String name, ConfigOption<List<Integer>> option) {
        return new JobArgument<>(name, option, "partition numbers like 6,7", v -> v.replace(',', ';'), false,
                v -> true, null);
    }

    /** A further condition on the converted value, e.g. {@code mustBe("positive", v -> v > 0)}. */
    public JobArgument<T> mustBe(String means, Predicate<T> condition) {
        return new JobArgument<>(name, option, expected, toFlinkSyntax, flag, valid.and(condition), means);
    }

    /**
     * {@link TimeUtils#parseDuration}, except that a number needs its unit: a bare "10" is 10 ms to Flink, but a
     * user may well mean seconds, and guessing wrong is a silent bug. "0" is 0 whatever the unit.
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static Duration parseDuration(String value) {
        try {
            return TimeUtils.parseDuration(requireUnit(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not a duration; use e.g. 250ms, 10s, 5m or 1h");
        }
    }

    private static String requireUnit(String value) {
        String v = value.trim();
        if (!v.isEmpty() && !v.equals("0") && v.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + value + "' needs a unit");
        }
        return v;
    }

    /** The name without dashes, as in {@code --name}. */
    public String name() {
        return name;
    }

    public ConfigOption<T> option() {
        return option;
    }

    /** True if the value may be left out ({@code --stop-at-latest} alone means true). */
    public boolean isFlag() {
        return flag;
    }

    /** Converts {@code value} as Flink does and sets it in {@code conf}; a bad value: one line on what it must be. */
    void set(Configuration conf, String value) {
        T converted;
        try {
            converted = Configuration.fromMap(Map.of(option.key(), toFlinkSyntax.apply(value))).get(option);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + name + " must be " + expected + " (got '" + value + "')");
        }
        if (!valid.test(converted)) {
            throw new IllegalArgumentException("--" + name + " must be " + validMeans + " (got " + value + ")");
        }
        conf.set(option, converted);
    }
}

package dev.flinkopslab.exercises.check;

/**
 * One measured figure of a check, with its target.
 *
 * @param target the target in words, e.g. "= 0" or "≤ 400 ms"
 * @param met whether the value meets the target
 */
public record Figure(String name, double value, String unit, String target, boolean met) {

    public static Figure atMost(String name, double value, String unit, double max) {
        return new Figure(name, value, unit, "≤ " + format(max) + (unit.isEmpty() ? "" : " " + unit), value <= max);
    }

    public static Figure atLeast(String name, double value, String unit, double min) {
        return new Figure(name, value, unit, "≥ " + format(min) + (unit.isEmpty() ? "" : " " + unit), value >= min);
    }

    public static Figure equalTo(String name, double value, String unit, double expected) {
        return new Figure(name, value, unit, "= " + format(expected) + (unit.isEmpty() ? "" : " " + unit), value == expected);
    }

    public static Figure between(String name, double value, String unit, double min, double max) {
        return new Figure(name, value, unit, format(min) + " – " + format(max) + (unit.isEmpty() ? "" : " " + unit),
                value >= min && value <= max);
    }

    public String formattedValue() {
        return format(value) + (unit.isEmpty() ? "" : " " + unit);
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.3f", v);
    }
}

package dev.flinkopslab.exercises.check;

/**
 * One measured figure of a check, with its target.
 *
 * @param target the target in words, e.g. "= 0" or "≤ 400 ms"
 * @param met whether the value meets the target
 * @param notMeasured why there is no value (nothing to compute it from), or null when {@code value} was measured;
 *     such a figure never meets its target and prints as "not measured: …" instead of a number
 */
public record Figure(String name, double value, String unit, String target, boolean met, String notMeasured) {

    public Figure(String name, double value, String unit, String target, boolean met) {
        this(name, value, unit, target, met, null);
    }

    public static Figure atMost(String name, double value, String unit, double max) {
        return new Figure(name, value, unit, "≤ " + format(max) + withUnit(unit), value <= max);
    }

    public static Figure atLeast(String name, double value, String unit, double min) {
        return new Figure(name, value, unit, "≥ " + format(min) + withUnit(unit), value >= min);
    }

    public static Figure equalTo(String name, double value, String unit, double expected) {
        return new Figure(name, value, unit, "= " + format(expected) + withUnit(unit), value == expected);
    }

    public static Figure between(String name, double value, String unit, double min, double max) {
        return new Figure(name, value, unit, format(min) + " – " + format(max) + withUnit(unit),
                value >= min && value <= max);
    }

    /** This figure without a value, because {@code why} (e.g. "fewer than two checkpoints"): missed, not NaN. */
    public Figure notMeasured(String why) {
        return new Figure(name, Double.NaN, unit, target, false, why);
    }

    /** {@link #notMeasured} if the value could not be computed (NaN), else this figure. */
    public Figure ifNaN(String why) {
        return Double.isNaN(value) ? notMeasured(why) : this;
    }

    public boolean measured() {
        return notMeasured == null && !Double.isNaN(value);
    }

    public String formattedValue() {
        if (!measured()) {
            return "not measured" + (notMeasured == null ? "" : ": " + notMeasured);
        }
        return format(value) + withUnit(unit);
    }

    private static String withUnit(String unit) {
        return unit.isEmpty() ? "" : " " + unit;
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "not measured";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.3f", v);
    }
}

package dev.flinkopslab.pipeline;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them, for the job's program arguments and the CLI's options alike: {@code 250ms},
 * {@code 10s}, {@code 5m}, {@code 1h}, and {@code 0}. A bare number other than 0 is rejected: "10" could mean
 * seconds or milliseconds, and guessing wrong is a silent bug.
 */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {}

    /** @throws IllegalArgumentException naming the value and the accepted forms */
    public static Duration parse(String value) {
        String v = value.trim();
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = FORMAT.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration; use e.g. 250ms, 10s, 5m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** The inverse, for output: 250ms, 10s, 5m, 1h, or 1m30s. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0";
        }
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
    }
}

package dev.flinkopslab.platform.deployments;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.apache.flink.util.TimeUtils;

/**
 * Periodic savepoints and their retention (the spec's {@code savepoints}); every part optional. The durations stay
 * the text the user wrote (ISO-8601 like {@code PT10M}, or Flink's form like {@code 10m}, {@code 30 s}), read by
 * Flink's {@link TimeUtils#parseDuration}, so the spec reads back as it was sent.
 *
 * @param interval how often the running job gets a PERIODIC savepoint; null: never
 * @param maxCount how many completed savepoints retention keeps (newest first); null: no limit
 * @param maxAge how old a completed savepoint retention keeps; null: no limit
 */
public record SavepointSchedule(String interval, @Min(1) Integer maxCount, String maxAge) {
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

    /** @return null without an interval; throws IllegalArgumentException for text that is not a duration */
    public Duration intervalDuration() {
        return parse(interval);
    }

    public Duration maxAgeDuration() {
        return parse(maxAge);
    }

    /** Whether retention has anything to do after a savepoint completes. */
    public boolean limitsRetention() {
        return maxCount != null || maxAge != null;
    }

    private static Duration parse(String text) {
        return text == null ? null : TimeUtils.parseDuration(text);
    }
}

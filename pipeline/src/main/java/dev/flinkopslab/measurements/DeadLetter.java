package dev.flinkopslab.measurements;

import java.util.Locale;

/** A record that could not be turned into a {@link Measurement}, kept with where it came from and why. */
public class DeadLetter {
    public int partition;
    public long offset;
    public String reason;
    /** The raw value, decoded as UTF-8 (invalid bytes replaced) so it can be read and replayed. */
    public String rawValue;

    public DeadLetter() {}

    public DeadLetter(int partition, long offset, String reason, String rawValue) {
        this.partition = partition;
        this.offset = offset;
        this.reason = reason;
        this.rawValue = rawValue;
    }

    /** One line: {@code partition,offset,reason<TAB>rawValue} (reason and value may hold commas). */
    public String toLine() {
        return String.format(Locale.ROOT, "%d,%d,%s\t%s", partition, offset, reason,
                rawValue.replace('\n', ' ').replace('\t', ' '));
    }

    @Override
    public String toString() {
        return toLine();
    }
}

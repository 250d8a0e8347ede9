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

    /**
     * One line: {@code partition,offset,reason<TAB>rawValue}. Control characters in the value are escaped as
     * {@code \\uXXXX} (and backslashes doubled), so a binary value stays on its line and can be restored.
     */
    public String toLine() {
        return String.format(Locale.ROOT, "%d,%d,%s\t%s", partition, offset, reason, escapeControl(rawValue));
    }

    static String escapeControl(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return toLine();
    }
}

package dev.flinkopslab.flink;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flink's REST errors carry whole stack traces as strings; a user needs their innermost cause, in one line
 * (e.g. "ClassNotFoundException: dev.example.Nope").
 */
public final class FlinkErrors {
    private static final Pattern CAUSE = Pattern.compile("(?m)^Caused by: (.+)$");

    private FlinkErrors() {}

    static String summary(JsonNode body) {
        StringBuilder all = new StringBuilder();
        for (JsonNode e : body.path("errors")) {
            // A server-side failure comes as "Internal server error." plus the exception; only the latter says what.
            String text = e.asText().replaceFirst("^<Exception on server side:\\s*", "");
            if (!text.equals("Internal server error.")) {
                all.append(text).append('\n');
            }
        }
        return summary(all.length() == 0 ? body.toString() : all.toString());
    }

    /** The innermost cause of a Java exception, in one line: its simple class name and the first line of its message. */
    public static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + FlinkRestClient.firstLine(root.getMessage());
        return root.getClass().getSimpleName() + message;
    }

    /** The innermost cause in a Java stack trace as text (Flink's failure causes), in one line. */
    public static String summary(String text) {
        Matcher m = CAUSE.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        String line = last != null ? last : FlinkRestClient.firstLine(text);
        line = line.replaceAll("^([a-z]+\\.)+([A-Z]\\w*(Exception|Error))", "$2");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}

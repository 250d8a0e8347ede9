package dev.flinkopslab.ops.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flink's REST errors carry whole stack traces as strings; a user needs their innermost cause, in one line
 * (e.g. "ClassNotFoundException: dev.example.Nope").
 */
final class FlinkErrors {
    private static final Pattern CAUSE = Pattern.compile("(?m)^Caused by: (.+)$");

    private FlinkErrors() {}

    static String summary(JsonNode body) {
        StringBuilder all = new StringBuilder();
        for (JsonNode e : body.path("errors")) {
            all.append(e.asText()).append('\n');
        }
        return summary(all.length() == 0 ? body.toString() : all.toString());
    }

    static String summary(String text) {
        Matcher m = CAUSE.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        String line = last != null ? last : RestApi.firstLine(text);
        line = line.replaceAll("^([a-z]+\\.)+([A-Z]\\w*(Exception|Error))", "$2");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}

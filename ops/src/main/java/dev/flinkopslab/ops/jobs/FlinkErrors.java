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
            // A server-side failure comes as "Internal server error." plus the exception; only the latter says what.
            String text = e.asText().replaceFirst("^<Exception on server side:\\s*", "");
            if (!text.equals("Internal server error.")) {
                all.append(text).append('\n');
            }
        }
        return summary(all.length() == 0 ? body.toString() : all.toString());
    }

    /** Flink's ways of saying the job id names no job it knows (404 from most handlers, 500 from a few). */
    static boolean jobNotFound(int status, String error) {
        return error != null && (error.contains("FlinkJobNotFoundException") || error.contains("Job could not be found")
                || (status == 404 && error.matches("(?s).*Job [0-9a-f]{32} not found.*")));
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

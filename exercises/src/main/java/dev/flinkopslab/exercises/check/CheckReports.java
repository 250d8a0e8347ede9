package dev.flinkopslab.exercises.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Check results on disk: one JSON file per exercise and variant (the last check wins), and {@code report.html}
 * with every result, its figures against their targets, and a plot for figures measured over time.
 */
public final class CheckReports {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckReports() {}

    public static Path jsonFile(Path reportDir, int exercise, String variant) {
        return reportDir.resolve("exercise-" + exercise + "-" + variant.toLowerCase(Locale.ROOT) + ".json");
    }

    public static void save(Path reportDir, CheckResult r) throws IOException {
        Files.createDirectories(reportDir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("exercise", r.exercise);
        json.put("slug", r.slug);
        json.put("title", r.title);
        json.put("variant", r.variant.name());
        json.put("result", r.passed() ? "PASS" : "FAIL");
        json.put("error", r.error);
        json.put("hint", r.hint);
        json.put("figures", r.figures);
        json.put("series", r.series);
        json.put("seconds", r.seconds);
        json.put("finishedAt", Instant.ofEpochMilli(r.finishedAtMillis).toString());
        JSON.writeValue(jsonFile(reportDir, r.exercise, r.variant.name()).toFile(), json);
        writeHtml(reportDir);
    }

    /** The last result of an exercise's variant, if it was ever checked. */
    public static Optional<JsonNode> last(Path reportDir, int exercise, String variant) {
        Path file = jsonFile(reportDir, exercise, variant);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void writeHtml(Path reportDir) throws IOException {
        List<JsonNode> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(reportDir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().matches("exercise-\\d+-\\w+\\.json")).sorted()::iterator) {
                results.add(JSON.readTree(f.toFile()));
            }
        }
        results.sort((a, b) -> a.path("exercise").asInt() != b.path("exercise").asInt()
                ? Integer.compare(a.path("exercise").asInt(), b.path("exercise").asInt())
                : a.path("variant").asText().compareTo(b.path("variant").asText()));
        StringBuilder html = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><title>flink-ops-lab checks</title><style>
                body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}
                td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}.PASS{color:#0a0;font-weight:bold}
                .FAIL{color:#c00;font-weight:bold}svg{border:1px solid #ddd;background:#fafafa}
                </style></head><body><h1>Exercise checks</h1>
                """);
        for (JsonNode r : results) {
            html.append("<h2>").append(r.path("exercise").asInt()).append(". ").append(esc(r.path("title").asText()))
                    .append(" — ").append(esc(r.path("variant").asText().toLowerCase(Locale.ROOT)))
                    .append(" <span class=\"").append(r.path("result").asText()).append("\">")
                    .append(r.path("result").asText()).append("</span></h2>");
            html.append("<p>checked ").append(esc(r.path("finishedAt").asText())).append(String.format(Locale.ROOT,
                    ", %.1f s</p>", r.path("seconds").asDouble()));
            if (!r.path("error").isNull() && !r.path("error").asText().isEmpty()) {
                html.append("<p class=\"FAIL\">").append(esc(r.path("error").asText())).append("</p>");
            }
            html.append("<table><tr><th>figure</th><th>measured</th><th>target</th><th></th></tr>");
            for (JsonNode f : r.path("figures")) {
                boolean met = f.path("met").asBoolean();
                html.append("<tr><td>").append(esc(f.path("name").asText())).append("</td><td>")
                        .append(f.hasNonNull("notMeasured") ? esc("not measured: " + f.path("notMeasured").asText())
                                : Figure.format(f.path("value").asDouble()) + ' ' + esc(f.path("unit").asText()))
                        .append("</td><td>").append(esc(f.path("target").asText())).append("</td><td class=\"")
                        .append(met ? "PASS\">met" : "FAIL\">missed").append("</td></tr>");
            }
            html.append("</table>");
            if (r.path("result").asText().equals("FAIL") && !r.path("hint").asText().isEmpty()) {
                html.append("<p><b>Hint:</b> ").append(esc(r.path("hint").asText())).append("</p>");
            }
            r.path("series").fields().forEachRemaining(s -> html.append(plot(s.getKey(), s.getValue())));
        }
        html.append("</body></html>\n");
        Files.writeString(reportDir.resolve("report.html"), html, StandardCharsets.UTF_8);
    }

    /** A line plot as inline SVG: x = seconds, y = value, with the ranges written on the axes. */
    private static String plot(String name, JsonNode points) {
        if (points.size() < 2) {
            return "";
        }
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (JsonNode p : points) {
            minX = Math.min(minX, p.get(0).asDouble());
            maxX = Math.max(maxX, p.get(0).asDouble());
            minY = Math.min(minY, p.get(1).asDouble());
            maxY = Math.max(maxY, p.get(1).asDouble());
        }
        minY = Math.min(minY, 0);
        double w = 600, h = 200, spanX = Math.max(maxX - minX, 1e-9), spanY = Math.max(maxY - minY, 1e-9);
        StringBuilder line = new StringBuilder();
        for (JsonNode p : points) {
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", 40 + (p.get(0).asDouble() - minX) / spanX * (w - 60),
                    h - 20 - (p.get(1).asDouble() - minY) / spanY * (h - 40)));
        }
        return String.format(Locale.ROOT, """
                <p>%s</p><svg width="%.0f" height="%.0f"><polyline fill="none" stroke="#36c" stroke-width="2" points="%s"/>
                <text x="2" y="14" font-size="11">%s</text><text x="2" y="%.0f" font-size="11">%s</text>
                <text x="40" y="%.0f" font-size="11">%.0f s</text><text x="%.0f" y="%.0f" font-size="11">%.0f s</text></svg>
                """, esc(name), w, h, line, Figure.format(maxY), h - 22, Figure.format(minY), h - 4, minX, w - 60, h - 4, maxX);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package dev.flinkopslab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How the platform commands show what the API answers: {@code -o json} and {@code -o yaml} print it whole (so
 * scripts can read it, and {@code get -o yaml} is a file {@code apply -f} takes back), {@code -o table} the
 * columns a user looks for, aligned.
 */
final class PlatformOutput {
    static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // "123" stays a string when read back, as it was one
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    enum Format {
        TABLE, JSON, YAML;

        static Format of(String s) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(s)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("-o must be table, json or yaml, not '" + s + "'");
        }
    }

    private PlatformOutput() {}

    static String json(JsonNode n) {
        try {
            return PlatformClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree we parsed always writes
        }
    }

    static String yaml(JsonNode n) {
        try {
            return YAML.writeValueAsString(n).stripTrailing();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Columns padded to their widest cell, two spaces apart; the last column is not padded. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();
        private final int columns;

        Table(String... headers) {
            columns = headers.length;
            rows.add(headers);
        }

        Table row(String... cells) {
            String[] clean = new String[columns];
            for (int i = 0; i < columns; i++) {
                String c = i < cells.length ? cells[i] : null;
                clean[i] = c == null || c.isBlank() ? "-" : c.replaceAll("\\s*\\R\\s*", " ").strip();
            }
            rows.add(clean);
            return this;
        }

        Table rows(JsonNode list, Function<JsonNode, String[]> cells) {
            list.forEach(n -> row(cells.apply(n)));
            return this;
        }

        boolean isEmpty() {
            return rows.size() == 1;
        }

        List<String> lines() {
            int[] width = new int[columns];
            for (String[] r : rows) {
                for (int i = 0; i < columns; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            List<String> lines = new ArrayList<>();
            for (String[] r : rows) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < columns; i++) {
                    b.append(i == columns - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
                }
                lines.add(b.toString().stripTrailing());
            }
            return lines;
        }
    }

    static Table deployments(JsonNode list) {
        Instant now = Instant.now();
        return new Table("NAME", "STATE (DESIRED/OBSERVED)", "JOB", "PARALLELISM", "UPGRADE", "RESTORE", "GENERATION", "UPDATED")
                .rows(list, d -> new String[] {d.at("/metadata/name").asText(),
                        d.at("/spec/state").asText() + "/" + d.at("/status/state").asText(),
                        text(d.at("/status/jobId")), text(d.at("/spec/template/parallelism")), text(d.at("/spec/upgradeStrategy")),
                        text(d.at("/spec/restoreStrategy")), text(d.get("generation")), ago(d.get("updatedAt"), now)});
    }

    static Table artifacts(JsonNode list) {
        return new Table("ID", "NAME", "SIZE", "SHA256", "UPLOADED", "BY").rows(list, a -> new String[] {text(a.get("id")),
                text(a.get("fileName")), size(a.path("sizeBytes").asLong()), abbreviate(text(a.get("sha256")), 12),
                time(a.get("uploadedAt")), text(a.get("uploadedBy"))});
    }

    static Table jobs(JsonNode list) {
        return new Table("FLINK JOB", "PARALLELISM", "STARTED", "ENDED", "FINAL STATE", "WEB UI", "RESTORED FROM").rows(list, j -> new String[] {
                text(j.get("flinkJobId")), text(j.at("/spec/template/parallelism")), time(j.get("startedAt")),
                time(j.get("endedAt")), text(j.get("finalState")), j.hasNonNull("endedAt") ? "-" : text(j.get("webUiUrl")),
                text(j.get("restoredFrom"))});
    }

    static Table savepoints(JsonNode list) {
        return new Table("ID", "ORIGIN", "STATE", "FLINK JOB", "CREATED", "LOCATION / FAILURE").rows(list, s -> new String[] {
                text(s.get("id")), text(s.get("origin")), text(s.get("state")), text(s.get("flinkJobId")),
                time(s.get("createdAt")), s.hasNonNull("failure") ? s.get("failure").asText() : text(s.get("location"))});
    }

    /** The namespace's audit log: who changed what. */
    static Table auditEvents(JsonNode list) {
        return new Table("TIME", "ACTOR", "ACTION", "RESOURCE", "DETAIL").rows(list, e -> new String[] {time(e.get("occurredAt")),
                text(e.get("actor")), text(e.get("action")), text(e.get("resourceType")) + " " + text(e.get("resourceId")),
                text(e.get("detail"))});
    }

    /** A deployment's own log: what the reconciler saw and did. */
    static Table deploymentEvents(JsonNode list) {
        return new Table("TIME", "TYPE", "FLINK JOB", "MESSAGE").rows(list, e -> new String[] {time(e.get("occurredAt")),
                text(e.get("type")), text(e.get("flinkJobId")), text(e.get("message"))});
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? "-" : n.asText();
    }

    static String abbreviate(String s, int length) {
        return s.length() <= length ? s : s.substring(0, length);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** An instant in this machine's time zone, to the second. */
    static String time(JsonNode n) {
        Instant t = instant(n);
        return t == null ? "-" : TIME.format(t);
    }

    /** How long ago: 42s, 5m, 3h, 2d. */
    static String ago(JsonNode n, Instant now) {
        Instant t = instant(n);
        if (t == null) {
            return "-";
        }
        long s = Math.max(0, Duration.between(t, now).toSeconds());
        return (s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s < 172800 ? s / 3600 + "h" : s / 86400 + "d") + " ago";
    }

    private static Instant instant(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isNumber()) { // epoch seconds with a fraction, should the platform write timestamps as numbers
            return Instant.ofEpochMilli(Math.round(n.asDouble() * 1000));
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

package dev.flinkopslab.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * The project's one client of Flink's REST API (the one behind the Web UI), for progress lines, checks, tests
 * and the operations tooling. It reads what Flink reports and asks Flink to act; it never reimplements what
 * Flink computes. Every failure is a {@link FlinkRestException} with a one-line message.
 */
public final class FlinkRestClient {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(2);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param baseUrl for example {@code http://localhost:8081} */
    public FlinkRestClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** GETs {@code path} (e.g. {@code /jobs/overview}) and parses the JSON answer. */
    public JsonNode get(String path) throws FlinkRestException {
        return send(request(path).GET().build());
    }

    /** POSTs {@code body} as JSON. */
    public JsonNode post(String path, Object body) throws FlinkRestException {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode a request body as JSON: " + e.getMessage(), e);
        }
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A request without a body, e.g. PATCH (cancel a job) or DELETE (an uploaded JAR). */
    public JsonNode send(String method, String path) throws FlinkRestException {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Uploads a file as the multipart field {@code field} (Flink's /jars/upload wants "jarfile"). */
    public JsonNode upload(String path, String field, Path file) throws IOException {
        String boundary = "flink-ops-lab-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail));
        return send(request(path).timeout(UPLOAD_TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body).build());
    }

    /** True when a Flink REST endpoint answers at the base URL. */
    public boolean reachable() {
        try {
            get("/config");
            return true;
        } catch (FlinkRestException e) {
            return false;
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT);
    }

    private JsonNode send(HttpRequest request) throws FlinkRestException {
        String path = request.uri().getPath();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new FlinkRestException("no Flink cluster answers at " + baseUrl, 0, null);
        } catch (IOException e) {
            throw new FlinkRestException("calling Flink REST " + path + " failed: " + e, -1, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkRestException("interrupted while calling Flink REST " + path, -1, null);
        }
        JsonNode body;
        try {
            body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new FlinkRestException("Flink REST " + path + " answered " + response.statusCode() + " with no JSON: "
                    + firstLine(response.body()), response.statusCode(), null);
        }
        if (response.statusCode() >= 400) {
            String error = FlinkErrors.summary(body);
            throw new FlinkRestException("Flink REST " + path + " answered " + response.statusCode() + ": " + error,
                    response.statusCode(), error);
        }
        return body;
    }

    static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    /** How many failures the job has recovered from (or is recovering from): its exception history. */
    public int failureCount(String jobId) throws FlinkRestException {
        return get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries").size();
    }

    /** Checkpoints of the job that completed so far. */
    public long completedCheckpoints(String jobId) throws FlinkRestException {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /**
     * Records the job's sources have emitted, summed over subtasks: the source operators' own numRecordsOut
     * (not the vertex's write-records, which counts what leaves the whole chain over the network).
     */
    public long sourceRecordsOut(String jobId) throws FlinkRestException {
        return operatorMetricSum(jobId, "Source", "numRecordsOut");
    }

    /**
     * Sum over subtasks of an operator metric, for operators whose metric name starts with
     * {@code operatorPrefix} (Flink replaces spaces and special characters in operator names by '_').
     */
    public long operatorMetricSum(String jobId, String operatorPrefix, String metric) throws FlinkRestException {
        long sum = 0;
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            String base = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
            for (JsonNode available : get(base)) {
                String id = available.path("id").asText();
                if (id.startsWith(operatorPrefix) && id.endsWith("." + metric)) {
                    for (JsonNode value : get(base + "?get=" + id + "&agg=sum")) {
                        sum += (long) value.path("sum").asDouble();
                    }
                }
            }
        }
        return sum;
    }
}

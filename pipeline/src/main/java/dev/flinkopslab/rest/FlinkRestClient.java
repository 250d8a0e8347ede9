package dev.flinkopslab.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small reader of Flink's REST API (the one behind the Web UI), for progress lines, tests and tools. It
 * reads what Flink reports; it never reimplements what Flink computes.
 */
public final class FlinkRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

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
    public JsonNode get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + baseUrl + path, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("Flink REST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** How many failures the job has recovered from (or is recovering from): its exception history. */
    public int failureCount(String jobId) throws IOException {
        return get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries").size();
    }

    /** Checkpoints of the job that completed so far. */
    public long completedCheckpoints(String jobId) throws IOException {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /**
     * Records the job's sources have emitted, summed over subtasks: the source operators' own numRecordsOut
     * (not the vertex's write-records, which counts what leaves the whole chain over the network).
     */
    public long sourceRecordsOut(String jobId) throws IOException {
        return operatorMetricSum(jobId, "Source", "numRecordsOut");
    }

    /**
     * Sum over subtasks of an operator metric, for operators whose metric name starts with
     * {@code operatorPrefix} (Flink replaces spaces and special characters in operator names by '_').
     */
    public long operatorMetricSum(String jobId, String operatorPrefix, String metric) throws IOException {
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

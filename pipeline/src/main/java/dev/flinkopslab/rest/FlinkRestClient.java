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

    /** The job's state as Flink names it (RUNNING, FINISHED, RESTARTING, ...). */
    public String jobState(String jobId) throws IOException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** Records the job's source vertex has emitted, summed over its subtasks (Flink's numRecordsOut). */
    public long sourceRecordsOut(String jobId) throws IOException {
        JsonNode source = get("/jobs/" + jobId).path("vertices").path(0);
        return source.path("metrics").path("write-records").asLong();
    }
}

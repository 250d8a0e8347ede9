package dev.flinkopslab.ops.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls to Flink's REST API (the one behind the Web UI) with JSON answers. Failures become {@link OpsException}s
 * whose message is one line: "no Flink at URL" when nothing listens, else Flink's own error, shortened.
 */
public final class RestApi {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** @param baseUrl for example {@code http://localhost:8081} */
    public RestApi(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    public JsonNode post(String path, Object body) {
        return send(json(request(path), "POST", body));
    }

    public JsonNode patch(String path) {
        return send(request(path).method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Any method without a body, e.g. DELETE. */
    public JsonNode send(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Uploads a file as the multipart field {@code field} (Flink's /jars/upload wants "jarfile"). */
    public JsonNode upload(String path, String field, Path file) {
        String boundary = "lab-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new OpsException("cannot read " + file + ": " + e.getMessage());
        }
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send(request(path).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** True when a Flink REST endpoint answers at the base URL. */
    public boolean reachable() {
        try {
            get("/config");
            return true;
        } catch (OpsException e) {
            return false;
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest json(HttpRequest.Builder b, String method, Object body) {
        try {
            return b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (IOException e) {
            throw new OpsException("cannot encode request: " + e.getMessage());
        }
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new OpsException("no Flink cluster answers at " + baseUrl, true);
        } catch (IOException e) {
            throw new OpsException("calling " + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted while calling " + request.uri());
        }
        JsonNode body;
        try {
            body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new OpsException("Flink REST " + request.uri().getPath() + " answered " + response.statusCode()
                    + " with no JSON: " + firstLine(response.body()));
        }
        if (response.statusCode() >= 400) {
            String error = FlinkErrors.summary(body);
            Matcher job = JOB_PATH.matcher(request.uri().getPath());
            if (job.find() && FlinkErrors.jobNotFound(response.statusCode(), body.toString())) {
                throw new OpsException("no job " + job.group(1) + " on the cluster at " + baseUrl
                        + " ('lab jobs' lists its jobs)", false, error);
            }
            throw new OpsException("Flink REST " + request.uri().getPath() + " answered " + response.statusCode() + ": "
                    + error, false, error);
        }
        return body;
    }

    private static final Pattern JOB_PATH = Pattern.compile("^/jobs/([0-9a-f]{32})");

    static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}

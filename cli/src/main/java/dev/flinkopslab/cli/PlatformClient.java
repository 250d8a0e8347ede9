package dev.flinkopslab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The platform's REST API ({@code /api/v1}) over HTTP, as one user: a bearer token, or basic auth to create one.
 * Every failure becomes one {@link LabException} line: the platform's own {@code {"error": ...}} as
 * {@code error: ...}, a platform that does not answer with how to start it.
 */
final class PlatformClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);

    /** An answer: its status and JSON body ({@link MissingNode} when there is none). */
    record Response(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String authorization;
    /** Where the token came from, for the 401 line; null with basic auth. */
    private final String tokenSource;

    private PlatformClient(String url, String authorization, String tokenSource) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = authorization;
        this.tokenSource = tokenSource;
    }

    static PlatformClient withToken(String url, String token, String source) {
        return new PlatformClient(url, "Bearer " + token, source);
    }

    static PlatformClient withPassword(String url, String user, char[] password) {
        byte[] pair = (user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8);
        return new PlatformClient(url, "Basic " + Base64.getEncoder().encodeToString(pair), null);
    }

    String url() {
        return url;
    }

    /** {@code /api/v1/} and the segments, each URL-encoded: a name never changes the path's shape. */
    static String path(String... segments) {
        StringBuilder b = new StringBuilder("/api/v1");
        for (String s : segments) {
            b.append('/').append(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }

    JsonNode get(String path) {
        return expect(call("GET", path, null, null));
    }

    /** The resource, or empty if the platform answers 404. */
    Optional<JsonNode> find(String path) {
        Response r = call("GET", path, null, null);
        return r.status() == 404 ? Optional.empty() : Optional.of(expect(r));
    }

    JsonNode post(String path, JsonNode body) {
        return expect(call("POST", path, "application/json", body));
    }

    JsonNode put(String path, JsonNode body) {
        return expect(call("PUT", path, "application/json", body));
    }

    JsonNode patch(String path, JsonNode mergePatch) {
        return expect(call("PATCH", path, MERGE_PATCH, mergePatch));
    }

    void delete(String path) {
        expect(call("DELETE", path, null, null));
    }

    /** A JAR as the multipart part {@code file}, streamed from disk. */
    JsonNode upload(String path, Path jar) {
        String boundary = "----lab-cli-" + System.nanoTime();
        String name = jar.getFileName().toString().replace("\"", "");
        BodyPublisher body;
        try {
            body = BodyPublishers.concat(
                    BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + name + "\"\r\nContent-Type: application/java-archive\r\n\r\n"),
                    BodyPublishers.ofFile(jar),
                    BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
        } catch (IOException e) {
            throw new LabException("cannot read " + jar + ": " + e.getMessage());
        }
        return expect(send(request(path, UPLOAD_TIMEOUT).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body)));
    }

    Response call(String method, String path, String contentType, JsonNode body) {
        HttpRequest.Builder r = request(path, CALL_TIMEOUT);
        if (body == null) {
            r.method(method, BodyPublishers.noBody());
        } else {
            r.header("Content-Type", contentType).method(method, BodyPublishers.ofString(body.toString()));
        }
        return send(r);
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout)
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    private Response send(HttpRequest.Builder request) {
        HttpResponse<String> r;
        try {
            r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new LabException("the platform does not answer at " + url + "; " + PlatformCommand.START_HINT
                    + " (or log in to another with './lab platform login --url <url>')");
        } catch (HttpTimeoutException e) {
            throw new LabException("the platform at " + url + " did not answer in time; see its log (.lab/platform/platform.log)");
        } catch (IOException e) {
            throw new LabException("talking to the platform at " + url + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for the platform at " + url);
        }
        return new Response(r.statusCode(), parse(r.body(), r.statusCode()));
    }

    private JsonNode parse(String body, int status) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String start = body.strip().replaceAll("\\s+", " ");
            throw new LabException("the answer from " + url + " (HTTP " + status + ") is not the platform's JSON: '"
                    + (start.length() > 80 ? start.substring(0, 80) + "..." : start) + "'; is --url the platform?");
        }
    }

    /** The body of a 2xx; anything else is the platform's error line. */
    JsonNode expect(Response r) {
        if (r.ok()) {
            return r.body();
        }
        if (r.status() == 401 && tokenSource != null) {
            throw new LabException("error: the platform at " + url + " refused the token in " + tokenSource
                    + " (unknown or revoked); run './lab platform login' for a new one");
        }
        String message = r.body().path("error").asText("");
        throw new LabException("error: " + (message.isEmpty() ? "HTTP " + r.status() + " from " + url : message));
    }
}

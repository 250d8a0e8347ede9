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
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.MessageHeaders;
import org.apache.flink.runtime.rest.messages.MessageParameters;
import org.apache.flink.runtime.rest.messages.RequestBody;
import org.apache.flink.runtime.rest.messages.ResponseBody;
import org.apache.flink.runtime.rest.util.RestMapperUtils;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JavaType;

/**
 * The project's one client of Flink's REST API (the one behind the Web UI): the transport under
 * {@link FlinkJobs} and {@link FlinkCluster}, which speak Flink's own message types. Every failure is a
 * {@link FlinkRestException} with a one-line message.
 */
public final class FlinkRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Flink's own mapper (its shaded Jackson) for Flink's own request and response types. */
    private static final org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper FLINK_JSON =
            RestMapperUtils.getFlexibleObjectMapper();
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

    /**
     * Calls the endpoint Flink's own {@code headers} describe (URL, method, request and response types, as its
     * RestClusterClient and Web UI use them) and returns Flink's own response type.
     */
    public <R extends RequestBody, P extends ResponseBody, M extends MessageParameters> P call(
            MessageHeaders<R, P, M> headers, M parameters, R body) throws FlinkRestException {
        String path = MessageParameters.resolveUrl(headers.getTargetRestEndpointURL(), parameters);
        HttpRequest.BodyPublisher content = HttpRequest.BodyPublishers.noBody();
        if (body != null && !(body instanceof EmptyRequestBody)) {
            try {
                content = HttpRequest.BodyPublishers.ofString(FLINK_JSON.writeValueAsString(body));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot encode a " + body.getClass().getSimpleName() + " as JSON", e);
            }
        }
        String answer = exchange(request(path).header("Content-Type", "application/json")
                .method(headers.getHttpMethod().name(), content).build());
        JavaType type = headers.getResponseTypeParameters().isEmpty()
                ? FLINK_JSON.constructType(headers.getResponseClass())
                : FLINK_JSON.getTypeFactory().constructParametricType(headers.getResponseClass(),
                        headers.getResponseTypeParameters().toArray(Class<?>[]::new));
        try {
            return FLINK_JSON.readValue(answer.isBlank() ? "{}" : answer, type);
        } catch (IOException e) {
            throw new FlinkRestException("Flink REST " + path + " answered what " + headers.getResponseClass().getSimpleName()
                    + " cannot read: " + firstLine(e.getMessage()), -1, null);
        }
    }

    /** GETs {@code path} (e.g. {@code /config}) and parses the JSON answer, for what has no Flink type here. */
    JsonNode get(String path) throws FlinkRestException {
        return send(request(path).GET().build());
    }

    /** Uploads a file as the multipart field {@code field} (Flink's /jars/upload wants "jarfile"). */
    JsonNode upload(String path, String field, Path file) throws IOException {
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
        String answer = exchange(request);
        try {
            return answer.isBlank() ? JSON.createObjectNode() : JSON.readTree(answer);
        } catch (IOException e) {
            throw new FlinkRestException("Flink REST " + request.uri().getPath() + " answered with no JSON: "
                    + firstLine(answer), -1, null);
        }
    }

    /** Sends the request; returns the body of a successful answer, or throws with Flink's error in one line. */
    private String exchange(HttpRequest request) throws FlinkRestException {
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
        if (response.statusCode() >= 400) {
            String error;
            try {
                error = FlinkErrors.summary(JSON.readTree(response.body()));
            } catch (IOException e) {
                error = firstLine(response.body());
            }
            throw new FlinkRestException("Flink REST " + path + " answered " + response.statusCode() + ": " + error,
                    response.statusCode(), error);
        }
        return response.body();
    }

    static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}

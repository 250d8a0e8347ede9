package dev.flinkopslab.ops.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkopslab.flink.FlinkRestClient;
import dev.flinkopslab.flink.FlinkRestException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline's {@link FlinkRestClient} as the operations tooling uses it: every failure is an unchecked
 * {@link OpsException} with one line to show, and a job id Flink does not know is named as such.
 */
public final class RestApi {
    private static final Pattern JOB_PATH = Pattern.compile("^/jobs/([0-9a-f]{32})");

    private final FlinkRestClient client;

    /** @param baseUrl for example {@code http://localhost:8081} */
    public RestApi(String baseUrl) {
        this.client = new FlinkRestClient(baseUrl);
    }

    public String baseUrl() {
        return client.baseUrl();
    }

    /** The checked client underneath, for its readers (failure counts, checkpoints, metrics). */
    public FlinkRestClient client() {
        return client;
    }

    public JsonNode get(String path) {
        return call(path, () -> client.get(path));
    }

    public JsonNode post(String path, Object body) {
        return call(path, () -> client.post(path, body));
    }

    /** Any method without a body, e.g. PATCH (cancel) or DELETE. */
    public JsonNode send(String method, String path) {
        return call(path, () -> client.send(method, path));
    }

    /** Uploads a file as the multipart field {@code field} (Flink's /jars/upload wants "jarfile"). */
    public JsonNode upload(String path, String field, Path file) {
        return call(path, () -> client.upload(path, field, file));
    }

    public boolean reachable() {
        return client.reachable();
    }

    private interface Call {
        JsonNode run() throws IOException;
    }

    private JsonNode call(String path, Call call) {
        try {
            return call.run();
        } catch (FlinkRestException e) {
            Matcher job = JOB_PATH.matcher(path);
            if (job.find() && e.jobNotFound()) {
                throw new OpsException("no job " + job.group(1) + " on the cluster at " + baseUrl()
                        + " ('lab jobs' lists its jobs)", false, e.flinkError());
            }
            throw new OpsException(e.getMessage(), e.noAnswer(), e.flinkError());
        } catch (IOException e) {
            throw new OpsException("cannot read " + e.getMessage());
        }
    }
}

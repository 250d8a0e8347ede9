package dev.flinkopslab.flink;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;
import org.apache.flink.runtime.rest.messages.ClusterOverviewHeaders;
import org.apache.flink.runtime.rest.messages.EmptyMessageParameters;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.taskmanager.TaskManagerInfo;
import org.apache.flink.runtime.rest.messages.taskmanager.TaskManagersHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarDeleteHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarDeleteMessageParameters;
import org.apache.flink.runtime.webmonitor.handlers.JarRunHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarRunMessageParameters;
import org.apache.flink.runtime.webmonitor.handlers.JarRunRequestBody;

/**
 * What a Flink cluster's REST API says about the cluster itself — TaskManagers, slots — and its JAR handling
 * (upload, run, delete), in Flink's own types.
 */
public final class FlinkCluster {
    private final FlinkRestClient rest;

    public FlinkCluster(FlinkRestClient rest) {
        this.rest = rest;
    }

    /** @param baseUrl for example {@code http://localhost:8081} */
    public FlinkCluster(String baseUrl) {
        this(new FlinkRestClient(baseUrl));
    }

    public String baseUrl() {
        return rest.baseUrl();
    }

    /** True when a Flink REST endpoint answers at the base URL. */
    public boolean reachable() {
        return rest.reachable();
    }

    /** TaskManagers, slots (total and free) and jobs by state, as the Web UI's overview shows them. */
    public ClusterOverviewWithVersion overview() throws FlinkRestException {
        return rest.call(ClusterOverviewHeaders.getInstance(), EmptyMessageParameters.getInstance(),
                EmptyRequestBody.getInstance());
    }

    public List<TaskManagerInfo> taskManagers() throws FlinkRestException {
        return List.copyOf(rest.call(TaskManagersHeaders.getInstance(), EmptyMessageParameters.getInstance(),
                EmptyRequestBody.getInstance()).getTaskManagerInfos());
    }

    /** The ids of the TaskManagers registered now (Flink's ResourceIDs, as text). */
    public List<String> taskManagerIds() throws FlinkRestException {
        return taskManagers().stream().map(tm -> tm.getResourceId().getResourceIdString()).toList();
    }

    /** Uploads a job JAR; returns the id Flink gives it (the file name it stored it under). */
    public String uploadJar(Path jar) throws java.io.IOException {
        String stored = rest.upload("/jars/upload", "jarfile", jar).path("filename").asText();
        return Path.of(stored).getFileName().toString();
    }

    /**
     * Runs an uploaded JAR: Flink calls its main() to build the job graph, so a wrong entry class or bad
     * program arguments fail here, with Flink's error. Returns the job's id.
     */
    public JobID runJar(String jarId, JarRunRequestBody request) throws FlinkRestException {
        JarRunMessageParameters parameters = JarRunHeaders.getInstance().getUnresolvedMessageParameters();
        parameters.jarIdPathParameter.resolve(jarId);
        return rest.call(JarRunHeaders.getInstance(), parameters, request).getJobId();
    }

    public void deleteJar(String jarId) throws FlinkRestException {
        JarDeleteMessageParameters parameters = JarDeleteHeaders.getInstance().getUnresolvedMessageParameters();
        parameters.jarIdPathParameter.resolve(jarId);
        rest.call(JarDeleteHeaders.getInstance(), parameters, EmptyRequestBody.getInstance());
    }
}

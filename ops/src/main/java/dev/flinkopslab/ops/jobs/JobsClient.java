package dev.flinkopslab.ops.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Submitting and operating jobs on a Flink session cluster through its REST API. */
public final class JobsClient {
    /** How long a savepoint (or stop-with-savepoint) may take before we give up waiting. */
    public static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(2);

    private final RestApi rest;

    public JobsClient(String restUrl) {
        this.rest = new RestApi(restUrl);
    }

    public RestApi rest() {
        return rest;
    }

    /** What to run: the job JAR, its entry class, program arguments, and optionally parallelism and savepoint. */
    public record Submission(Path jar, String entryClass, List<String> programArgs, Integer parallelism,
                             String savepointPath) {}

    /** One row of {@code /jobs/overview}. */
    public record JobSummary(String id, String name, String state, long startTime, long durationMs) {}

    /** Uploads the JAR and runs it; returns the job id. The JAR is checked before anything is sent. */
    public String submit(Submission s) {
        if (!Files.isRegularFile(s.jar())) {
            throw new OpsException("job JAR not found: " + s.jar());
        }
        if (!rest.reachable()) {
            throw new OpsException("no Flink cluster answers at " + rest.baseUrl(), true);
        }
        String filename = rest.upload("/jars/upload", "jarfile", s.jar()).path("filename").asText();
        String jarId = Path.of(filename).getFileName().toString();
        ObjectNode run = RestApi.JSON.createObjectNode();
        run.put("entryClass", s.entryClass());
        run.putPOJO("programArgsList", s.programArgs());
        if (s.parallelism() != null) {
            run.put("parallelism", s.parallelism());
        }
        if (s.savepointPath() != null) {
            run.put("savepointPath", s.savepointPath());
        }
        try {
            return rest.post("/jars/" + jarId + "/run", run).path("jobid").asText();
        } catch (OpsException e) {
            // Flink runs main() to build the job graph: a wrong class or bad program arguments fail here.
            throw e.flinkError() == null ? e : new OpsException("the job did not start: " + e.flinkError());
        } finally {
            deleteQuietly(jarId);
        }
    }

    private void deleteQuietly(String jarId) {
        try {
            rest.send("DELETE", "/jars/" + jarId);
        } catch (OpsException ignored) {
            // An uploaded jar left behind only takes disk space in the cluster's work dir.
        }
    }

    public List<JobSummary> jobs() {
        List<JobSummary> jobs = new ArrayList<>();
        for (JsonNode j : rest.get("/jobs/overview").path("jobs")) {
            jobs.add(new JobSummary(j.path("jid").asText(), j.path("name").asText(), j.path("state").asText(),
                    j.path("start-time").asLong(), j.path("duration").asLong()));
        }
        return jobs;
    }

    public String state(String jobId) {
        return rest.get("/jobs/" + checkId(jobId)).path("state").asText();
    }

    /** Failures the job went through (its exception history): each one a restart, or the final failure. */
    public int failures(String jobId) {
        return rest.get("/jobs/" + checkId(jobId) + "/exceptions").path("exceptionHistory").path("entries").size();
    }

    public long completedCheckpoints(String jobId) {
        return rest.get("/jobs/" + checkId(jobId) + "/checkpoints").path("counts").path("completed").asLong();
    }

    public void cancel(String jobId) {
        rest.patch("/jobs/" + checkId(jobId) + "?mode=cancel");
    }

    /** Triggers a savepoint and waits for it; returns its location. {@code dir} null: the cluster's default. */
    public String savepoint(String jobId, String dir) {
        ObjectNode body = RestApi.JSON.createObjectNode();
        body.put("cancel-job", false);
        if (dir != null) {
            body.put("target-directory", dir);
        }
        String trigger = rest.post("/jobs/" + checkId(jobId) + "/savepoints", body).path("request-id").asText();
        return awaitSavepoint(jobId, trigger);
    }

    /** Stops the job gracefully with a final savepoint (sources stop first); returns the savepoint's location. */
    public String stopWithSavepoint(String jobId, String dir) {
        ObjectNode body = RestApi.JSON.createObjectNode();
        body.put("drain", false);
        if (dir != null) {
            body.put("targetDirectory", dir);
        }
        String trigger = rest.post("/jobs/" + checkId(jobId) + "/stop", body).path("request-id").asText();
        return awaitSavepoint(jobId, trigger);
    }

    private String awaitSavepoint(String jobId, String trigger) {
        long deadline = System.nanoTime() + SAVEPOINT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = rest.get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode op = status.path("operation");
                if (op.has("failure-cause")) {
                    throw new OpsException("savepoint failed: " + FlinkErrors.summary(
                            op.path("failure-cause").path("stack-trace").asText(op.path("failure-cause").toString())));
                }
                return op.path("location").asText();
            }
            sleep(Duration.ofMillis(250));
        }
        throw new OpsException("savepoint of job " + jobId + " not done after " + SAVEPOINT_TIMEOUT.toSeconds() + " s");
    }

    /** The job graph as Flink built it: each task with its chained operators, parallelism, slot sharing group. */
    public JobGraphView plan(String jobId) {
        JsonNode job = rest.get("/jobs/" + checkId(jobId));
        // Right after submission a job may still be initializing: its graph has no vertices yet.
        long deadline = System.nanoTime() + PLAN_TIMEOUT.toNanos();
        while (job.path("vertices").isEmpty() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(200));
            job = rest.get("/jobs/" + jobId);
        }
        return JobGraphView.of(job, rest.get("/jobs/" + jobId + "/plan"));
    }

    private static final Duration PLAN_TIMEOUT = Duration.ofSeconds(15);

    static String checkId(String jobId) {
        if (jobId == null || !jobId.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("a job id is 32 hex digits (see 'lab jobs'); got '" + jobId + "'");
        }
        return jobId;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted");
        }
    }
}

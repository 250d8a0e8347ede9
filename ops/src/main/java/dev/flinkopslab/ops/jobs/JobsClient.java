package dev.flinkopslab.ops.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkopslab.flink.FlinkErrors;
import dev.flinkopslab.flink.FlinkRestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

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
        ObjectNode run = FlinkRestClient.JSON.createObjectNode();
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

    public void cancel(String jobId) {
        rest.send("PATCH", "/jobs/" + checkId(jobId) + "?mode=cancel");
    }

    /** Triggers a savepoint and waits for it; returns its location. {@code dir} null: the cluster's default. */
    public String savepoint(String jobId, String dir, Consumer<String> progress) {
        ObjectNode body = FlinkRestClient.JSON.createObjectNode();
        body.put("cancel-job", false);
        if (dir != null) {
            body.put("target-directory", dir);
        }
        return savepointOnceRunning(jobId, "/savepoints", body, progress);
    }

    /** Stops the job gracefully with a final savepoint (sources stop first); returns the savepoint's location. */
    public String stopWithSavepoint(String jobId, String dir, Consumer<String> progress) {
        ObjectNode body = FlinkRestClient.JSON.createObjectNode();
        body.put("drain", false);
        if (dir != null) {
            body.put("targetDirectory", dir);
        }
        return savepointOnceRunning(jobId, "/stop", body, progress);
    }

    /**
     * Flink refuses a savepoint while any task is not running (a job just submitted, or restarting after a
     * failure); a user asking for one then means "as soon as it can be taken", so we wait for the tasks, and
     * trigger again if Flink still saw some not running (its REST view of task states may lag by seconds) or a
     * failover aborted the savepoint in flight.
     */
    private String savepointOnceRunning(String jobId, String endpoint, ObjectNode body, Consumer<String> progress) {
        long deadline = System.nanoTime() + TASKS_RUNNING_TIMEOUT.toNanos();
        while (true) {
            awaitTasksRunning(checkId(jobId), deadline, progress);
            String trigger = rest.post("/jobs/" + jobId + endpoint, body).path("request-id").asText();
            JsonNode operation = awaitSavepoint(jobId, trigger);
            if (!operation.has("failure-cause")) {
                return operation.path("location").asText();
            }
            String trace = operation.path("failure-cause").path("stack-trace").asText(operation.path("failure-cause").toString());
            if (trace.contains("FlinkJobNotFoundException")) {
                String now = rest.get("/jobs/" + jobId + "/status").path("status").asText();
                throw new OpsException("job " + jobId + " ended (" + now + ") before the savepoint was taken");
            }
            String reason = FlinkErrors.summary(trace);
            if (RESTART_REASONS.stream().noneMatch(trace::contains) || System.nanoTime() > deadline) {
                throw new OpsException("savepoint failed: " + reason);
            }
            progress.accept("the savepoint was aborted because tasks were not running or failed (" + reason
                    + "); trying again once they run");
        }
    }

    /**
     * Flink's CheckpointFailureReasons, as it words them, that mean "the job is (re)starting" rather than "this
     * savepoint cannot be taken": tasks not running yet, or a failover that began while it was in flight.
     */
    private static final List<String> RESTART_REASONS = List.of("Not all required tasks are currently running",
            "Checkpoint was declined (tasks not ready)", "Checkpoint Coordinator is suspending",
            "FailoverRegion is restarting", "Task has failed");

    /** How long a savepoint request waits for the job's tasks to run (deploying, or restarting after a failure). */
    public static final Duration TASKS_RUNNING_TIMEOUT = Duration.ofSeconds(90);

    private void awaitTasksRunning(String jobId, long deadline, Consumer<String> progress) {
        String lastReported = null;
        while (true) {
            // The job's state from /status, which is current; /jobs/{id} (for the tasks) is cached for seconds.
            String state = rest.get("/jobs/" + jobId + "/status").path("status").asText();
            JsonNode job = rest.get("/jobs/" + jobId);
            if (TERMINAL_STATES.contains(state)) {
                throw new OpsException("job " + jobId + " is " + state + "; only a running job can take a savepoint");
            }
            Map<String, Integer> waiting = tasksNotRunning(job);
            if ("RUNNING".equals(state) && waiting.isEmpty() && !job.path("vertices").isEmpty()) {
                return;
            }
            String status = "job " + state + ", tasks not running yet: " + (waiting.isEmpty() ? "all" : waiting);
            if (System.nanoTime() > deadline) {
                throw new OpsException("no savepoint: after " + TASKS_RUNNING_TIMEOUT.toSeconds() + " s the " + status
                        + "; see the job's exceptions in the Web UI (" + rest.baseUrl() + "/#/job/running/" + jobId + ")");
            }
            if (!status.equals(lastReported)) {
                progress.accept("waiting for the tasks to run before the savepoint (" + status + ")");
                lastReported = status;
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private static final Set<String> TERMINAL_STATES = Set.of("FINISHED", "CANCELED", "FAILED", "SUSPENDED");

    /** Tasks per execution state, for those neither running nor finished (finished tasks do not block checkpoints). */
    static Map<String, Integer> tasksNotRunning(JsonNode job) {
        Map<String, Integer> waiting = new TreeMap<>();
        for (JsonNode vertex : job.path("vertices")) {
            vertex.path("tasks").fields().forEachRemaining(e -> {
                if (e.getValue().asInt() > 0 && !e.getKey().equals("RUNNING") && !e.getKey().equals("FINISHED")) {
                    waiting.merge(e.getKey(), e.getValue().asInt(), Integer::sum);
                }
            });
        }
        return waiting;
    }

    /** Polls the savepoint operation until Flink reports it done; returns the operation (location or failure). */
    private JsonNode awaitSavepoint(String jobId, String trigger) {
        long deadline = System.nanoTime() + SAVEPOINT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = rest.get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                return status.path("operation");
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

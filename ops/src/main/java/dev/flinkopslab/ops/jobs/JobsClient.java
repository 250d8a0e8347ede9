package dev.flinkopslab.ops.jobs;

import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.flink.FlinkRestException;
import dev.flinkopslab.flink.SavepointOutcome;
import dev.flinkopslab.flink.TaskStates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.apache.flink.runtime.jobgraph.JobVertexID;
import org.apache.flink.runtime.rest.messages.TriggerId;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.runtime.webmonitor.handlers.JarRunRequestBody;

/** Submitting and operating jobs on a Flink session cluster through its REST API. */
public final class JobsClient {
    /** How long a savepoint (or stop-with-savepoint) may take before we give up waiting. */
    public static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(2);
    /** How long a savepoint request waits for the job's tasks to run (deploying, or restarting after a failure). */
    public static final Duration TASKS_RUNNING_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PLAN_TIMEOUT = Duration.ofSeconds(15);

    /**
     * Flink's reasons for refusing or aborting a savepoint that mean "the job is (re)starting" rather than
     * "this savepoint cannot be taken": tasks not running yet, or a failover that began while it was in flight.
     */
    static final Set<CheckpointFailureReason> RESTARTING = EnumSet.of(
            CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING,
            CheckpointFailureReason.CHECKPOINT_DECLINED_TASK_NOT_READY,
            CheckpointFailureReason.CHECKPOINT_COORDINATOR_SUSPEND,
            CheckpointFailureReason.JOB_FAILOVER_REGION,
            CheckpointFailureReason.TASK_FAILURE);

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

    /** One job as the cluster's overview lists it. */
    public record JobSummary(String id, String name, JobStatus state, long startTime, long durationMs) {}

    /** Uploads the JAR and runs it; returns the job id. The JAR is checked before anything is sent. */
    public String submit(Submission s) {
        if (!Files.isRegularFile(s.jar())) {
            throw new OpsException("job JAR not found: " + s.jar());
        }
        if (!rest.reachable()) {
            throw new OpsException("no Flink cluster answers at " + rest.baseUrl(), true);
        }
        String jarId = rest.cluster(c -> c.uploadJar(s.jar()));
        JarRunRequestBody run = new JarRunRequestBody(s.entryClass(), s.programArgs(), s.parallelism(), null, null,
                s.savepointPath(), null, null);
        try {
            return rest.cluster(c -> c.runJar(jarId, run)).toHexString();
        } catch (OpsException e) {
            // Flink runs main() to build the job graph: a wrong class or bad program arguments fail here.
            throw e.flinkError() == null ? e : new OpsException("the job did not start: " + e.flinkError());
        } finally {
            deleteQuietly(jarId);
        }
    }

    private void deleteQuietly(String jarId) {
        try {
            rest.cluster(c -> {
                c.deleteJar(jarId);
                return null;
            });
        } catch (OpsException ignored) {
            // An uploaded jar left behind only takes disk space in the cluster's work dir.
        }
    }

    public List<JobSummary> jobs() {
        return rest.jobs(FlinkJobs::overview).stream()
                .map(j -> new JobSummary(j.getJobId().toHexString(), j.getJobName(), j.getStatus(), j.getStartTime(),
                        j.getDuration()))
                .toList();
    }

    public JobStatus state(String jobId) {
        JobID job = checkId(jobId);
        return rest.job(job, j -> j.status(job));
    }

    public void cancel(String jobId) {
        JobID job = checkId(jobId);
        rest.job(job, j -> {
            j.cancel(job);
            return null;
        });
    }

    /** Triggers a savepoint and waits for it; returns its location. {@code dir} null: the cluster's default. */
    public String savepoint(String jobId, String dir, Consumer<String> progress) {
        return savepointOnceRunning(checkId(jobId), (j, job, trigger) -> j.triggerSavepoint(job, dir, trigger), progress);
    }

    /** Stops the job gracefully with a final savepoint (sources stop first); returns the savepoint's location. */
    public String stopWithSavepoint(String jobId, String dir, Consumer<String> progress) {
        return savepointOnceRunning(checkId(jobId), (j, job, trigger) -> j.triggerStopWithSavepoint(job, dir, trigger),
                progress);
    }

    @FunctionalInterface
    private interface SavepointTrigger {
        TriggerId trigger(FlinkJobs jobs, JobID job, TriggerId trigger) throws FlinkRestException;
    }

    /**
     * Flink refuses a savepoint while any task is not running (a job just submitted, or restarting after a
     * failure); a user asking for one then means "as soon as it can be taken", so we wait for the tasks, and
     * trigger again if Flink still saw some not running (its REST view of task states may lag by seconds) or a
     * failover aborted the savepoint in flight — as Flink's own reason says, not its wording.
     */
    private String savepointOnceRunning(JobID job, SavepointTrigger savepoint, Consumer<String> progress) {
        long deadline = System.nanoTime() + TASKS_RUNNING_TIMEOUT.toNanos();
        while (true) {
            awaitTasksRunning(job, deadline, progress);
            TriggerId trigger = rest.job(job, j -> savepoint.trigger(j, job, new TriggerId()));
            SavepointOutcome outcome = awaitSavepoint(job, trigger);
            if (outcome.succeeded()) {
                return outcome.location();
            }
            if (outcome.jobGone()) {
                throw new OpsException("job " + job + " ended (" + state(job.toHexString()) + ") before the savepoint was taken");
            }
            boolean restarting = outcome.reason().map(RESTARTING::contains).orElse(false);
            if (!restarting || System.nanoTime() > deadline) {
                throw new OpsException("savepoint failed: " + outcome.failure());
            }
            progress.accept("the savepoint was aborted because tasks were not running or failed (" + outcome.failure()
                    + "); trying again once they run");
        }
    }

    private void awaitTasksRunning(JobID job, long deadline, Consumer<String> progress) {
        String lastReported = null;
        while (true) {
            JobStatus state = rest.job(job, j -> j.status(job));
            if (state.isTerminalState()) {
                throw new OpsException("job " + job + " is " + state + "; only a running job can take a savepoint");
            }
            TaskStates tasks = rest.job(job, j -> j.tasks(job));
            if (state == JobStatus.RUNNING && tasks.allRunning()) {
                return;
            }
            String status = "job " + state + ", tasks not running yet: "
                    + (tasks.notRunning().isEmpty() ? "all" : tasks.notRunning());
            if (System.nanoTime() > deadline) {
                throw new OpsException("no savepoint: after " + TASKS_RUNNING_TIMEOUT.toSeconds() + " s the " + status
                        + "; see the job's exceptions in the Web UI (" + rest.baseUrl() + "/#/job/running/" + job + ")");
            }
            if (!status.equals(lastReported)) {
                progress.accept("waiting for the tasks to run before the savepoint (" + status + ")");
                lastReported = status;
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** Polls the savepoint operation until Flink reports it done. */
    private SavepointOutcome awaitSavepoint(JobID job, TriggerId trigger) {
        long deadline = System.nanoTime() + SAVEPOINT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SavepointOutcome> outcome = rest.job(job, j -> j.savepoint(job, trigger));
            if (outcome.isPresent()) {
                return outcome.get();
            }
            sleep(Duration.ofMillis(250));
        }
        throw new OpsException("savepoint of job " + job + " not done after " + SAVEPOINT_TIMEOUT.toSeconds() + " s");
    }

    /** The job graph as Flink built it: each task with its chained operators, parallelism, slot sharing group. */
    public JobGraphView plan(String jobId) {
        JobID job = checkId(jobId);
        JobDetailsInfo details = rest.job(job, j -> j.details(job));
        // Right after submission a job may still be initializing: its graph has no vertices yet.
        long deadline = System.nanoTime() + PLAN_TIMEOUT.toNanos();
        while (details.getJobVertexInfos().isEmpty() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(200));
            details = rest.job(job, j -> j.details(job));
        }
        return JobGraphView.of(details);
    }

    static JobID checkId(String jobId) {
        if (jobId == null || !jobId.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("a job id is 32 hex digits (see 'lab jobs'); got '" + jobId + "'");
        }
        return JobID.fromHexString(jobId);
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

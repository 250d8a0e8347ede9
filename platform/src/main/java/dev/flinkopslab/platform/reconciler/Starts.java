package dev.flinkopslab.platform.reconciler;

import dev.flinkopslab.flink.FlinkCluster;
import dev.flinkopslab.flink.FlinkRestException;
import dev.flinkopslab.platform.artifacts.Artifact;
import dev.flinkopslab.platform.artifacts.ArtifactRepository;
import dev.flinkopslab.platform.artifacts.ArtifactStore;
import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.JobConfiguration;
import dev.flinkopslab.platform.deployments.RestorePoints;
import dev.flinkopslab.platform.deployments.DeploymentEvent;
import dev.flinkopslab.platform.deployments.DeploymentHistory;
import dev.flinkopslab.platform.deployments.DeploymentJob;
import dev.flinkopslab.platform.deployments.DeploymentSpec;
import dev.flinkopslab.platform.deployments.DeploymentState;
import dev.flinkopslab.platform.deployments.DeploymentStatus;
import dev.flinkopslab.platform.deployments.FlinkTargets;
import dev.flinkopslab.platform.deployments.Intent;
import dev.flinkopslab.platform.deployments.TargetType;
import dev.flinkopslab.platform.clusters.LocalClusters;
import dev.flinkopslab.flink.JobFailure;
import java.io.IOException;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.webmonitor.handlers.JarRunRequestBody;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starting a deployment's job, crash-safe: the new job's id is generated and persisted (a deployment_job row and
 * the STARTING intent, in one transaction) before Flink is called; the submission uses that id, so a retry or a
 * restarted platform finds the job in Flink and adopts it instead of submitting a second one.
 */
@Component
public class Starts {
    private static final int ROOT_CAUSE_READS = 10;
    private static final long ROOT_CAUSE_PAUSE_MS = 300;
    private static final java.time.Duration APPLICATION_START = java.time.Duration.ofSeconds(60);
    private final DeploymentHistory history;
    private final StatusWriter status;
    private final FlinkTargets targets;
    private final JobTarget jobTarget;
    private final ArtifactRepository artifacts;
    private final ArtifactStore store;
    private final TransactionTemplate tx;
    private final ObjectProvider<ReconcilerHook> hook;
    private final LocalClusters clusters;
    private final JobConfiguration jobConfiguration;
    private final ActiveJobs activeJobs;
    private final RestorePoints restorePoints;

    public Starts(DeploymentHistory history, StatusWriter status, FlinkTargets targets, JobTarget jobTarget,
                  ArtifactRepository artifacts, ArtifactStore store, TransactionTemplate tx, ObjectProvider<ReconcilerHook> hook,
                  LocalClusters clusters, JobConfiguration jobConfiguration, ActiveJobs activeJobs, RestorePoints restorePoints) {
        this.clusters = clusters;
        this.jobConfiguration = jobConfiguration;
        this.activeJobs = activeJobs;
        this.restorePoints = restorePoints;
        this.jobTarget = jobTarget;
        this.history = history;
        this.status = status;
        this.targets = targets;
        this.artifacts = artifacts;
        this.store = store;
        this.tx = tx;
        this.hook = hook;
    }

    /**
     * Records a new job of the current spec as the intent, then submits it.
     *
     * @param restorePath the savepoint to start from; null: as the restore strategy says
     * @param sameTransaction what else to record with the intent (e.g. the savepoint an upgrade took)
     */
    public void start(Deployment d, String restorePath, Runnable sameTransaction) {
        DeploymentStatus s = d.status();
        boolean newGeneration = s.observedGeneration() != d.generation();
        String restore = restorePath != null ? restorePath : restoreFor(d);
        String job = JobID.generate().toHexString();
        DeploymentSpec spec = s.rolledBack(d.generation()) ? s.lastStableSpec() : d.spec();
        DeploymentStatus next = s.withIntent(Intent.starting(job, restore)).withJob(null, null)
                .withState(DeploymentState.TRANSITIONING).withObservedGeneration(d.generation())
                .withAttempts((newGeneration ? 0 : s.jobAttempts()) + 1, newGeneration ? 0 : s.savepointAttempts())
                .withReadinessDeadline(readinessDeadline(d, spec));
        Deployment persisted = tx.execute(t -> {
            sameTransaction.run();
            history.insertJob(d.id(), job, spec, restore);
            return status.write(d, next);
        });
        hook().at(ReconcilerHook.Point.INTENT_PERSISTED, persisted);
        submit(persisted);
    }

    /**
     * With a rollback policy, a job of a spec not yet stable must have every task running by this time: a spec's
     * first start opens the window, its restarts keep it. Null without a policy, or for the stable spec itself.
     */
    private static java.time.Instant readinessDeadline(Deployment d, DeploymentSpec spec) {
        DeploymentSpec.Rollback policy = d.spec().rollback();
        DeploymentStatus s = d.status();
        if (policy == null || s.lastStableSpec() == null || !spec.jobDiffers(s.lastStableSpec())) {
            return null;
        }
        return s.readinessDeadline() != null && !spec.jobDiffers(s.lastReconciledSpec()) ? s.readinessDeadline()
                : java.time.Instant.now().plus(policy.readinessWindowDuration());
    }

    /** Submits the intent's job with its recorded id and spec copy; Flink refusing it counts as a failed attempt. */
    public void submit(Deployment d) {
        Intent intent = d.status().intent();
        DeploymentJob job = history.job(intent.jobId()).orElseThrow();
        DeploymentSpec spec = job.spec();
        Artifact artifact = artifacts.find(d.namespace(), spec.template().artifactId()).orElse(null);
        if (artifact == null) {
            submitFailed(d, "artifact " + spec.template().artifactId() + " is gone");
            return;
        }
        boolean submitted = spec.target().type() == TargetType.LOCAL ? launch(d, job, artifact)
                : runOnSession(d, job, artifact);
        if (!submitted) {
            return;
        }
        hook().at(ReconcilerHook.Point.FLINK_CALLED, d);
        record(d, job, DeploymentEvent.Type.JOB_SUBMITTED, "job " + job.flinkJobId() + " submitted at parallelism "
                + spec.template().parallelism() + where(d, job)
                + (intent.restorePath() == null ? ", empty state" : ", from " + intent.restorePath()));
    }

    /** Uploads the JAR to the session cluster and runs the job with the intent's id; false if it did not happen. */
    private boolean runOnSession(Deployment d, DeploymentJob job, Artifact artifact) {
        DeploymentSpec spec = job.spec();
        Intent intent = d.status().intent();
        FlinkCluster cluster = targets.cluster(spec.target().restUrl());
        JarRunRequestBody run = new JarRunRequestBody(spec.template().entryClass(), spec.template().programArgs(),
                spec.template().parallelism(), JobID.fromHexString(job.flinkJobId()), spec.allowNonRestoredState(),
                intent.restorePath(), null, jobConfiguration.of(d, spec));
        try {
            String jarId = cluster.uploadJar(store.file(artifact.sha256()));
            try {
                cluster.runJar(jarId, run);
            } finally {
                deleteQuietly(cluster, jarId);
            }
        } catch (FlinkRestException e) {
            if (e.noAnswer() || e.status() < 0) {
                status.write(d, d.status().withError("submitting job " + job.flinkJobId() + ": " + e.getMessage() + "; retrying"));
                return false;
            }
            if (!knows(spec.target().restUrl(), job.flinkJobId())) {
                submitFailed(d, e.flinkError() != null ? e.flinkError() : e.getMessage());
                return false;
            }
        } catch (IOException e) {
            status.write(d, d.status().withError("uploading the JAR to " + spec.target().restUrl() + ": " + e.getMessage()
                    + "; retrying"));
            return false;
        }
        return true;
    }

    /**
     * Starts the job's own application cluster (LOCAL target) and waits until its JobManager runs the job; false
     * if it did not happen. Clusters of ended jobs are stopped first, so an upgrade's two clusters never compete.
     */
    private boolean launch(Deployment d, DeploymentJob job, Artifact artifact) {
        String id = job.flinkJobId();
        clusters.releaseAllBut(activeJobs.get());
        if (clusters.jobManagerAlive(id)) {
            // started before a crash, or still coming up: the observer adopts the job once Flink lists it
            status.write(d, d.status().withError("the cluster of job " + id + " is starting"));
            return false;
        }
        clusters.release(id); // TaskManagers left behind by a JobManager that died
        try {
            clusters.launch(id, job.spec(), store.file(artifact.sha256()), jobConfiguration.of(d, job.spec()),
                    d.status().intent().restorePath());
            awaitJob(clusters.restUrl(id).orElseThrow(), id);
            return true;
        } catch (RuntimeException e) {
            clusters.release(id);
            submitFailed(d, "its cluster did not start: " + e.getMessage() + " (logs: " + clusters.dir(id).resolve("log") + ")");
            return false;
        }
    }

    /** An application cluster runs its job's main when its JobManager starts; a main that throws still leaves a FAILED job. */
    private void awaitJob(String restUrl, String job) {
        long deadline = System.nanoTime() + APPLICATION_START.toNanos();
        while (System.nanoTime() < deadline) {
            if (knows(restUrl, job)) {
                return;
            }
            try {
                Thread.sleep(ROOT_CAUSE_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for job " + job);
            }
        }
        throw new IllegalStateException("the JobManager did not list job " + job + " within " + APPLICATION_START.toSeconds() + " s");
    }

    private String where(Deployment d, DeploymentJob job) {
        DeploymentSpec.Template t = job.spec().template();
        return job.spec().target().type() == TargetType.LOCAL ? " in its own cluster (1 JobManager, " + t.taskManagers()
                + " TaskManager(s) × " + t.slotsPerTaskManager() + " slot(s), " + jobTarget.restUrl(d, job.flinkJobId()).orElse("?") + ")"
                : " on " + job.spec().target().restUrl();
    }

    /** Flink already has the intent's job (submitted before a crash, or by a call whose answer was lost): take it. */
    public void adopt(Deployment d) {
        DeploymentJob job = history.job(d.status().intent().jobId()).orElseThrow();
        record(d, job, DeploymentEvent.Type.JOB_ADOPTED, "job " + job.flinkJobId() + " is in Flink already: adopted, not submitted again");
    }

    /**
     * The current job failed (or is gone) while the deployment should run: a new job from the latest state, or,
     * with the attempts used up, FAILED with an event naming the root cause.
     */
    public void restart(Deployment d, Observation o) {
        String job = d.status().jobId();
        String cause = o.known() ? rootCause(d, job) : "the job is gone from Flink";
        JobStatus end = o.jobStatus();
        history.event(d.id(), DeploymentEvent.Type.JOB_FAILED, job, "job " + job + " is " + (end == null ? "gone" : end)
                + ": " + cause);
        boolean sameGeneration = d.status().observedGeneration() == d.generation();
        if (sameGeneration && d.status().jobAttempts() >= d.spec().maxJobCreationAttempts()) {
            tx.executeWithoutResult(t -> {
                history.jobEnded(job, end);
                exhausted(d, d.status().withJob(null, end), "the job failed " + d.status().jobAttempts() + " time(s); last root cause: " + cause);
            });
            return;
        }
        start(d, null, () -> history.jobEnded(job, end));
    }

    private void record(Deployment d, DeploymentJob job, DeploymentEvent.Type type, String message) {
        tx.executeWithoutResult(t -> {
            history.jobStarted(job.flinkJobId(), jobTarget.restUrl(d, job.flinkJobId()).orElse(null));
            history.event(d.id(), type, job.flinkJobId(), message);
            DeploymentStatus s = d.status();
            // a rollback's job keeps saying why the spec's own job does not run
            status.write(d, s.withIntent(null).withJob(job.flinkJobId(), null).withReconciled(job.spec())
                    .withError(s.rolledBack(d.generation()) ? s.lastError() : null));
        });
    }

    private void submitFailed(Deployment d, String why) {
        String job = d.status().intent().jobId();
        tx.executeWithoutResult(t -> {
            history.jobEnded(job, JobStatus.FAILED);
            history.event(d.id(), DeploymentEvent.Type.JOB_FAILED, job, "job " + job + " could not be started: " + why);
            DeploymentStatus next = d.status().withIntent(null);
            if (d.status().jobAttempts() >= d.spec().maxJobCreationAttempts()) {
                exhausted(d, next, "the job could not be started in " + d.status().jobAttempts() + " attempt(s): " + why);
            } else {
                status.write(d, next.withError("start attempt " + d.status().jobAttempts() + " of "
                        + d.spec().maxJobCreationAttempts() + " failed: " + why));
            }
        });
    }

    private void exhausted(Deployment d, DeploymentStatus next, String why) {
        history.event(d.id(), DeploymentEvent.Type.RETRIES_EXHAUSTED, next.jobId(), why);
        status.write(d, next.withState(DeploymentState.FAILED).withStuck(d.generation()).withError(why));
    }

    private String restoreFor(Deployment d) {
        return switch (d.spec().restoreStrategy()) {
            case NONE -> null;
            case LATEST_SAVEPOINT -> restorePoints.latestSavepoint(d).orElse(null);
            case LATEST_STATE -> restorePoints.latestState(d).orElse(null);
        };
    }

    /** The newest failure's root cause; Flink may list a job FAILED a moment before its exception history has the failure. */
    private String rootCause(Deployment d, String job) {
        try {
            for (int i = 0; i < ROOT_CAUSE_READS; i++) {
                Optional<JobFailure> failure = jobTarget.jobs(d, job).latestFailure(JobID.fromHexString(job));
                if (failure.isPresent()) {
                    return failure.get().describe();
                }
                Thread.sleep(ROOT_CAUSE_PAUSE_MS);
            }
            return "Flink recorded no exception";
        } catch (FlinkRestException e) {
            return "(its exception history could not be read: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted while reading its exception history)";
        }
    }

    private boolean knows(String restUrl, String job) {
        try {
            return targets.jobs(restUrl).knows(JobID.fromHexString(job));
        } catch (FlinkRestException e) {
            return false;
        }
    }

    private static void deleteQuietly(FlinkCluster cluster, String jarId) {
        try {
            cluster.deleteJar(jarId);
        } catch (FlinkRestException ignored) {
            // the JobManager keeps a stray uploaded JAR until it restarts; harmless
        }
    }

    private ReconcilerHook hook() {
        return hook.getIfAvailable(() -> ReconcilerHook.NONE);
    }
}

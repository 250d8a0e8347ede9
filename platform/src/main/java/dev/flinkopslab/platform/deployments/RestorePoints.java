package dev.flinkopslab.platform.deployments;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.rest.messages.TriggerId;
import org.springframework.stereotype.Component;

/**
 * What a new job of a deployment starts from. LATEST_SAVEPOINT: the newest completed savepoint. LATEST_STATE: the
 * newer of that and the newest checkpoint the deployment's jobs retained ({@code <checkpoint dir>/<job id>/chk-<n>}
 * with its {@code _metadata}), read from the file system, not from Flink: after a JobManager died there is no
 * Flink left to ask. A checkpoint chosen is recorded as a savepoint of origin RETAINED_CHECKPOINT.
 */
@Component
public class RestorePoints {
    private static final String METADATA = "_metadata";
    private final DeploymentHistory history;
    private final JobConfiguration jobConfiguration;

    public RestorePoints(DeploymentHistory history, JobConfiguration jobConfiguration) {
        this.history = history;
        this.jobConfiguration = jobConfiguration;
    }

    public Optional<String> latestSavepoint(Deployment d) {
        return history.latestCompletedSavepoint(d.id()).map(Savepoint::location);
    }

    public Optional<String> latestState(Deployment d) {
        Optional<Savepoint> savepoint = history.latestCompletedSavepoint(d.id());
        Optional<RetainedCheckpoint> checkpoint = newestRetainedCheckpoint(d);
        if (checkpoint.isEmpty() || savepoint.isPresent() && !checkpoint.get().completedAt().isAfter(savepoint.get().completedAt())) {
            return savepoint.map(Savepoint::location);
        }
        RetainedCheckpoint c = checkpoint.get();
        if (history.savepointAt(d.id(), c.location()).isEmpty()) {
            Savepoint row = history.insertSavepoint(d.id(), c.job(), Savepoint.Origin.RETAINED_CHECKPOINT, new TriggerId().toHexString());
            history.savepointCompleted(row.id(), c.location());
            history.event(d.id(), DeploymentEvent.Type.SAVEPOINT_COMPLETED, c.job(), "retained checkpoint of job " + c.job()
                    + " found at " + c.location() + (savepoint.isPresent() ? ", newer than savepoint " + savepoint.get().location() : ""));
        }
        return Optional.of(c.location());
    }

    private record RetainedCheckpoint(String job, String location, Instant completedAt) {}

    /** Only the checkpoint dirs of this deployment's own jobs count: a shared checkpoint dir holds other jobs' too. */
    private Optional<RetainedCheckpoint> newestRetainedCheckpoint(Deployment d) {
        Set<String> dirs = new LinkedHashSet<>();
        dirs.add(jobConfiguration.checkpointDir(d, d.spec()));
        RetainedCheckpoint newest = null;
        for (DeploymentJob job : history.jobs(d.id())) {
            dirs.add(jobConfiguration.checkpointDir(d, job.spec()));
        }
        for (DeploymentJob job : history.jobs(d.id())) {
            for (String dir : dirs) {
                RetainedCheckpoint c = newestIn(new Path(new Path(dir), job.flinkJobId()), job.flinkJobId());
                if (c != null && (newest == null || c.completedAt().isAfter(newest.completedAt()))) {
                    newest = c;
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    private static RetainedCheckpoint newestIn(Path jobDir, String job) {
        try {
            FileSystem fs = jobDir.getFileSystem();
            if (!fs.exists(jobDir)) {
                return null;
            }
            RetainedCheckpoint newest = null;
            for (FileStatus chk : fs.listStatus(jobDir)) {
                Path metadata = new Path(chk.getPath(), METADATA);
                if (!chk.isDir() || !chk.getPath().getName().startsWith("chk-") || !fs.exists(metadata)) {
                    continue; // shared/, taskowned/, or a checkpoint still being written
                }
                Instant at = Instant.ofEpochMilli(fs.getFileStatus(metadata).getModificationTime());
                if (newest == null || at.isAfter(newest.completedAt())) {
                    newest = new RetainedCheckpoint(job, chk.getPath().toUri().toString(), at);
                }
            }
            return newest;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the retained checkpoints in " + jobDir, e);
        }
    }
}

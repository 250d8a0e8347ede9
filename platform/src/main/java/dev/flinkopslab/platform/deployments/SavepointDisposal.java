package dev.flinkopslab.platform.deployments;

import java.io.IOException;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disposes a completed savepoint, for the API and for retention alike. The row says DISPOSED (so no restore uses it)
 * before the files are removed: a crash in between leaves files behind, never a COMPLETED row without files. The
 * files go through Flink's {@link FileSystem}, so any scheme the platform has a file system for works, not only
 * {@code file:}.
 */
@Component
public class SavepointDisposal {
    private final DeploymentHistory history;
    private final TransactionTemplate tx;

    public SavepointDisposal(DeploymentHistory history, TransactionTemplate tx) {
        this.history = history;
        this.tx = tx;
    }

    /**
     * @param why for the SAVEPOINT_DISPOSED event
     * @param sameTransaction what else to record with the new state (the API's audit event)
     * @return the savepoint as it is now: DISPOSED, with a failure if its files could not be removed
     * @throws IOException before anything changed: the platform has no file system for the location's scheme
     */
    public Savepoint dispose(Deployment d, Savepoint sp, String why, Runnable sameTransaction) throws IOException {
        Path path = new Path(sp.location());
        FileSystem fs = path.getFileSystem();
        boolean disposed = Boolean.TRUE.equals(tx.execute(t -> {
            if (!history.savepointDisposed(sp.id())) {
                return false; // disposed meanwhile (retention and a user at once): its files are that one's to remove
            }
            history.event(d.id(), DeploymentEvent.Type.SAVEPOINT_DISPOSED, sp.flinkJobId(),
                    "savepoint " + sp.id() + " (" + sp.origin() + ") at " + sp.location() + " disposed: " + why);
            sameTransaction.run();
            return true;
        }));
        if (disposed) {
            removeFiles(d, sp, fs, path);
        }
        return history.savepoint(sp.id()).orElseThrow();
    }

    private void removeFiles(Deployment d, Savepoint sp, FileSystem fs, Path path) {
        String problem = null;
        try {
            if (!fs.exists(path)) {
                // a local path of a cluster on another machine is not here: say so rather than claim it removed
                problem = "no files at its location on the platform's machine (removed already, or elsewhere)";
            } else if (!fs.delete(path, true) || fs.exists(path)) {
                problem = "its files could not be removed";
            }
        } catch (IOException e) {
            problem = "its files could not be removed: " + e.getMessage();
        }
        if (problem != null) {
            history.savepointFilesNotRemoved(sp.id(), problem);
            history.event(d.id(), DeploymentEvent.Type.ERROR, sp.flinkJobId(), "savepoint " + sp.id() + " at "
                    + sp.location() + ": " + problem);
        }
    }
}

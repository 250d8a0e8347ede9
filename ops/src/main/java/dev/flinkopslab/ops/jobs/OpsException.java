package dev.flinkopslab.ops.jobs;

/** An operation on a cluster or job failed, for a reason said in one line. */
public final class OpsException extends RuntimeException {
    private final boolean noCluster;

    public OpsException(String message) {
        this(message, false);
    }

    public OpsException(String message, boolean noCluster) {
        super(message);
        this.noCluster = noCluster;
    }

    /** True when nothing answered at the REST URL: the cluster is not running (or the URL is wrong). */
    public boolean noCluster() {
        return noCluster;
    }
}

package dev.flinkopslab.ops.jobs;

/** An operation on a cluster or job failed, for a reason said in one line. */
public final class OpsException extends RuntimeException {
    private final boolean noCluster;
    private final String flinkError;

    public OpsException(String message) {
        this(message, false);
    }

    public OpsException(String message, boolean noCluster) {
        this(message, noCluster, null);
    }

    OpsException(String message, boolean noCluster, String flinkError) {
        super(message);
        this.noCluster = noCluster;
        this.flinkError = flinkError;
    }

    /** Flink's own error, shortened to its innermost cause, when Flink answered with one; else null. */
    public String flinkError() {
        return flinkError;
    }

    /** True when nothing answered at the REST URL: the cluster is not running (or the URL is wrong). */
    public boolean noCluster() {
        return noCluster;
    }
}

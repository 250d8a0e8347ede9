package dev.flinkopslab.ops.jobs;

import dev.flinkopslab.flink.FlinkCluster;
import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.flink.FlinkRestClient;
import dev.flinkopslab.flink.FlinkRestException;
import java.io.IOException;
import org.apache.flink.api.common.JobID;

/**
 * The typed access layer ({@link FlinkJobs}, {@link FlinkCluster}) as the operations tooling uses it: every
 * failure is an unchecked {@link OpsException} with one line to show, and a job id Flink does not know is
 * named as such.
 */
public final class RestApi {
    private final FlinkJobs jobs;
    private final FlinkCluster cluster;

    /** @param baseUrl for example {@code http://localhost:8081} */
    public RestApi(String baseUrl) {
        FlinkRestClient client = new FlinkRestClient(baseUrl);
        this.jobs = new FlinkJobs(client);
        this.cluster = new FlinkCluster(client);
    }

    public String baseUrl() {
        return jobs.baseUrl();
    }

    public boolean reachable() {
        return cluster.reachable();
    }

    /** A read or an action on the cluster: TaskManagers, slots, JARs. */
    public <T> T cluster(ClusterCall<T> call) {
        try {
            return call.on(cluster);
        } catch (FlinkRestException e) {
            throw new OpsException(e.getMessage(), e.noAnswer(), e.flinkError());
        } catch (IOException e) {
            throw new OpsException("cannot read " + e.getMessage());
        }
    }

    /** A read or an action on one job; if it fails because the cluster does not know the job, says so. */
    public <T> T job(JobID job, JobCall<T> call) {
        try {
            return call.on(jobs);
        } catch (FlinkRestException e) {
            if (!e.noAnswer() && !knows(job)) {
                throw new OpsException("no job " + job + " on the cluster at " + baseUrl() + " ('lab jobs' lists its jobs)",
                        false, e.flinkError());
            }
            throw new OpsException(e.getMessage(), e.noAnswer(), e.flinkError());
        }
    }

    /** A read of all jobs. */
    public <T> T jobs(JobCall<T> call) {
        try {
            return call.on(jobs);
        } catch (FlinkRestException e) {
            throw new OpsException(e.getMessage(), e.noAnswer(), e.flinkError());
        }
    }

    private boolean knows(JobID job) {
        try {
            return jobs.knows(job);
        } catch (FlinkRestException e) {
            return true; // cannot tell: report the original failure
        }
    }

    @FunctionalInterface
    public interface JobCall<T> {
        T on(FlinkJobs jobs) throws FlinkRestException;
    }

    @FunctionalInterface
    public interface ClusterCall<T> {
        T on(FlinkCluster cluster) throws IOException;
    }
}

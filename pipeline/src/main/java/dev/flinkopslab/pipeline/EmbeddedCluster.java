package dev.flinkopslab.pipeline;

import dev.flinkopslab.flink.FlinkJobs;
import java.net.URI;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink MiniCluster in this JVM that outlives its jobs, so their REST history (exceptions, checkpoints)
 * can be read after they end. Jobs are submitted to it over its REST API, as to any cluster.
 */
public final class EmbeddedCluster implements AutoCloseable {
    private final MiniCluster cluster;
    private final URI restAddress;

    private EmbeddedCluster(MiniCluster cluster, URI restAddress) {
        this.cluster = cluster;
        this.restAddress = restAddress;
    }

    /**
     * Starts one TaskManager with {@code slots} slots. {@code clusterConfiguration} holds cluster-wide settings
     * (metric reporters, REST port: 0 picks a free one); job settings travel with each job.
     */
    public static EmbeddedCluster start(Configuration clusterConfiguration, int slots) throws Exception {
        Configuration conf = new Configuration(clusterConfiguration);
        if (!conf.contains(RestOptions.PORT)) {
            conf.set(RestOptions.PORT, 0);
        }
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(slots).build());
        cluster.start();
        return new EmbeddedCluster(cluster, cluster.getRestAddress().get());
    }

    /** An environment that submits to this cluster with the given job configuration. */
    public StreamExecutionEnvironment environment(Configuration jobConfiguration) {
        return StreamExecutionEnvironment.createRemoteEnvironment(restAddress.getHost(), restAddress.getPort(),
                jobConfiguration);
    }

    public String restUrl() {
        return "http://" + restAddress.getHost() + ":" + restAddress.getPort();
    }

    /** Its jobs, through Flink's REST API as for any cluster. */
    public FlinkJobs flink() {
        return new FlinkJobs(restUrl());
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}

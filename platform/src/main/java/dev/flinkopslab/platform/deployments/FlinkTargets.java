package dev.flinkopslab.platform.deployments;

import dev.flinkopslab.flink.FlinkCluster;
import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.flink.FlinkRestClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The typed Flink access by REST URL: one client per cluster (a session cluster, or a LOCAL job's own). */
@Component
public class FlinkTargets {
    private final Map<String, FlinkRestClient> clients = new ConcurrentHashMap<>();

    public FlinkCluster cluster(String restUrl) {
        return new FlinkCluster(client(restUrl));
    }

    public FlinkJobs jobs(String restUrl) {
        return new FlinkJobs(client(restUrl));
    }

    private FlinkRestClient client(String restUrl) {
        return clients.computeIfAbsent(restUrl, FlinkRestClient::new);
    }
}

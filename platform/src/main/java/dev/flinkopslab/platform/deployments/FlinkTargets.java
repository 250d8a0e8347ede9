package dev.flinkopslab.platform.deployments;

import dev.flinkopslab.flink.FlinkCluster;
import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.flink.FlinkRestClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The typed Flink access for a deployment's target: one REST client per session cluster URL. */
@Component
public class FlinkTargets {
    private final Map<String, FlinkRestClient> clients = new ConcurrentHashMap<>();

    public FlinkCluster cluster(DeploymentSpec.Target target) {
        return new FlinkCluster(client(target));
    }

    public FlinkJobs jobs(DeploymentSpec.Target target) {
        return new FlinkJobs(client(target));
    }

    private FlinkRestClient client(DeploymentSpec.Target target) {
        return clients.computeIfAbsent(target.restUrl(), FlinkRestClient::new);
    }
}

package dev.flinkopslab.platform.reconciler;

import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentRepository;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The jobs some deployment still names (current, or under way in an intent): their clusters must keep running. */
@Component
public class ActiveJobs {
    private final DeploymentRepository deployments;

    public ActiveJobs(DeploymentRepository deployments) {
        this.deployments = deployments;
    }

    public Set<String> get() {
        Set<String> jobs = new HashSet<>();
        for (Deployment d : deployments.all()) {
            if (d.status().jobId() != null) {
                jobs.add(d.status().jobId());
            }
            if (d.status().intent() != null) {
                jobs.add(d.status().intent().jobId());
            }
        }
        return jobs;
    }
}

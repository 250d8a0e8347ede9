package dev.flinkopslab.platform.deployments;

import dev.flinkopslab.platform.users.NamespaceAccess;
import dev.flinkopslab.platform.users.PlatformUser;
import dev.flinkopslab.platform.users.Role;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/namespaces/{ns}/deployments/{name}/jobs|savepoints|events}: a deployment's history, newest first. */
@RestController
@RequestMapping("/api/v1/namespaces/{ns}/deployments/{name}")
class DeploymentHistoryController {
    private final DeploymentService deployments;
    private final DeploymentHistory history;
    private final NamespaceAccess access;

    DeploymentHistoryController(DeploymentService deployments, DeploymentHistory history, NamespaceAccess access) {
        this.deployments = deployments;
        this.history = history;
        this.access = access;
    }

    @GetMapping("/jobs")
    List<DeploymentJob> jobs(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name) {
        access.require(user, ns, Role.VIEWER);
        return history.jobs(deployments.get(ns, name).id());
    }

    @GetMapping("/savepoints")
    List<Savepoint> savepoints(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name) {
        access.require(user, ns, Role.VIEWER);
        return history.savepoints(deployments.get(ns, name).id());
    }

    @GetMapping("/events")
    List<DeploymentEvent> events(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name,
                                 @RequestParam(defaultValue = "200") int limit) {
        access.require(user, ns, Role.VIEWER);
        return history.events(deployments.get(ns, name).id(), Math.max(1, Math.min(limit, 1000)));
    }
}

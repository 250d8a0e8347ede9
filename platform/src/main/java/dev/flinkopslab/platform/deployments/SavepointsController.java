package dev.flinkopslab.platform.deployments;

import dev.flinkopslab.platform.users.NamespaceAccess;
import dev.flinkopslab.platform.users.PlatformUser;
import dev.flinkopslab.platform.users.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/namespaces/{ns}/deployments/{name}/savepoints}: take one (202: the reconciler triggers it), get one,
 * dispose one. The list is {@link DeploymentHistoryController}'s.
 */
@RestController
@RequestMapping("/api/v1/namespaces/{ns}/deployments/{name}/savepoints")
class SavepointsController {
    private final SavepointService savepoints;
    private final NamespaceAccess access;

    SavepointsController(SavepointService savepoints, NamespaceAccess access) {
        this.savepoints = savepoints;
        this.access = access;
    }

    @PostMapping
    ResponseEntity<Savepoint> take(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name) {
        access.require(user, ns, Role.EDITOR);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(savepoints.request(ns, name, user.username()));
    }

    @GetMapping("/{id}")
    Savepoint get(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name,
                  @PathVariable long id) {
        access.require(user, ns, Role.VIEWER);
        return savepoints.get(ns, name, id);
    }

    @DeleteMapping("/{id}")
    Savepoint dispose(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name,
                      @PathVariable long id, @RequestParam(defaultValue = "false") boolean force) {
        access.require(user, ns, Role.EDITOR);
        return savepoints.dispose(ns, name, id, user.username(), force);
    }
}

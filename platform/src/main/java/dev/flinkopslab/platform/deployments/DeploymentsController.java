package dev.flinkopslab.platform.deployments;

import dev.flinkopslab.platform.users.NamespaceAccess;
import dev.flinkopslab.platform.users.PlatformUser;
import dev.flinkopslab.platform.users.Role;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/namespaces/{ns}/deployments}: create, list, get, replace, patch, delete. {@code ?dryRun=true} on
 * create, replace and patch validates and answers what the apply would do, changing nothing.
 */
@RestController
@RequestMapping("/api/v1/namespaces/{ns}/deployments")
class DeploymentsController {
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    private final DeploymentService service;
    private final NamespaceAccess access;

    DeploymentsController(DeploymentService service, NamespaceAccess access) {
        this.service = service;
        this.access = access;
    }

    /** What a dry run answers: the plan, and the deployment as it is now (null for a create). */
    record DryRun(boolean dryRun, String plan, Deployment current) {}

    @PostMapping
    ResponseEntity<?> create(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns,
                             @RequestParam(defaultValue = "false") boolean dryRun, @Valid @RequestBody DeploymentRequest request) {
        access.require(user, ns, Role.EDITOR);
        DeploymentService.Applied applied = service.create(ns, user.username(), request, dryRun);
        return applied.dryRun() ? ResponseEntity.ok(new DryRun(true, applied.plan(), null))
                : ResponseEntity.status(HttpStatus.CREATED).body(applied.deployment());
    }

    @GetMapping
    List<Deployment> list(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns) {
        access.require(user, ns, Role.VIEWER);
        return service.list(ns);
    }

    @GetMapping("/{name}")
    Deployment get(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name) {
        access.require(user, ns, Role.VIEWER);
        return service.get(ns, name);
    }

    @PutMapping("/{name}")
    ResponseEntity<?> replace(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name,
                              @RequestParam(defaultValue = "false") boolean dryRun, @Valid @RequestBody DeploymentRequest request) {
        access.require(user, ns, Role.EDITOR);
        DeploymentService.Applied applied = service.replace(ns, name, user.username(), request, dryRun);
        return applied.dryRun() ? ResponseEntity.ok(new DryRun(true, applied.plan(), applied.deployment()))
                : ResponseEntity.ok(applied.deployment());
    }

    /** A JSON merge patch (RFC 7386) of metadata and spec; then as a replace. */
    @PatchMapping(path = "/{name}", consumes = {MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<?> patch(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name,
                            @RequestParam(defaultValue = "false") boolean dryRun, @RequestBody JsonNode patch) {
        access.require(user, ns, Role.EDITOR);
        DeploymentService.Applied applied = service.patch(ns, name, user.username(), patch, dryRun);
        return applied.dryRun() ? ResponseEntity.ok(new DryRun(true, applied.plan(), applied.deployment()))
                : ResponseEntity.ok(applied.deployment());
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name) {
        access.require(user, ns, Role.EDITOR);
        service.delete(ns, name, user.username());
    }
}

package dev.flinkopslab.platform.audit;

import dev.flinkopslab.platform.users.NamespaceAccess;
import dev.flinkopslab.platform.users.PlatformUser;
import dev.flinkopslab.platform.users.Role;
import dev.flinkopslab.platform.web.ApiException;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log as the API shows it: a namespace's events to its viewers, the platform's to the user admin. */
@RestController
class EventsController {
    private final AuditLog audit;
    private final NamespaceAccess access;

    EventsController(AuditLog audit, NamespaceAccess access) {
        this.audit = audit;
        this.access = access;
    }

    @GetMapping("/api/v1/namespaces/{ns}/events")
    List<AuditEvent> events(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns,
                            @RequestParam(defaultValue = "100") int limit) {
        access.require(user, ns, Role.VIEWER);
        return audit.inNamespace(ns, checked(limit));
    }

    @GetMapping("/api/v1/events")
    List<AuditEvent> platformEvents(@AuthenticationPrincipal PlatformUser user, @RequestParam(defaultValue = "100") int limit) {
        access.requireUserAdmin(user);
        return audit.platformWide(checked(limit));
    }

    private static int checked(int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("invalid parameter 'limit': " + limit + "; give 1 to 1000");
        }
        return limit;
    }
}

package dev.flinkopslab.platform.page;

import dev.flinkopslab.platform.users.NamespaceAccess;
import dev.flinkopslab.platform.users.PlatformUser;
import dev.flinkopslab.platform.users.Role;
import dev.flinkopslab.platform.users.UserRepository;
import org.springframework.stereotype.Component;

/** The API's role check ({@link NamespaceAccess}), answered as the {@link PageUser} the templates need. */
@Component
class PageAccess {
    private final NamespaceAccess access;
    private final UserRepository users;

    PageAccess(NamespaceAccess access, UserRepository users) {
        this.access = access;
        this.users = users;
    }

    PageUser require(PlatformUser user, String namespace, Role needed) {
        return PageUser.of(user, namespace, access.require(user, namespace, needed), users);
    }

    /** Any logged-in user, for pages of their own (API tokens): shown with their role in the default namespace. */
    PageUser anyone(PlatformUser user) {
        return PageUser.of(user, NamespaceAccess.DEFAULT_NAMESPACE,
                users.roleIn(user.id(), NamespaceAccess.DEFAULT_NAMESPACE).orElse(Role.VIEWER), users);
    }

    PageUser requireUserAdmin(PlatformUser user) {
        access.requireUserAdmin(user);
        return PageUser.of(user, NamespaceAccess.DEFAULT_NAMESPACE, Role.ADMIN, users);
    }
}

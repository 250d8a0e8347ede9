package dev.flinkopslab.platform.page;

import dev.flinkopslab.platform.users.NamespaceAccess;
import dev.flinkopslab.platform.users.PlatformUser;
import dev.flinkopslab.platform.users.Role;
import dev.flinkopslab.platform.users.UserRepository;

/**
 * Who looks at a page, and what they may do in its namespace: the templates show a control only to a role that
 * may use it (the server checks again on every post).
 */
public record PageUser(String username, String namespace, Role role, boolean userAdmin) {

    static PageUser of(PlatformUser user, String namespace, Role role, UserRepository users) {
        boolean admin = users.roleIn(user.id(), NamespaceAccess.DEFAULT_NAMESPACE).orElse(null) == Role.ADMIN;
        return new PageUser(user.username(), namespace, role, admin);
    }

    public boolean canEdit() {
        return role.allows(Role.EDITOR);
    }
}

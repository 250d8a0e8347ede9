package dev.flinkopslab.platform.users;

import dev.flinkopslab.platform.web.ApiException;
import org.springframework.stereotype.Component;

/** Whether the calling user has at least a role in a namespace; the API's 404 and 403 with one line. */
@Component
public class NamespaceAccess {
    /** The namespace that exists from the first migration on; its ADMINs manage the platform's users. */
    public static final String DEFAULT_NAMESPACE = "default";

    private final UserRepository users;

    public NamespaceAccess(UserRepository users) {
        this.users = users;
    }

    /** The user's role in {@code namespace}, if it is at least {@code needed}; else 404 or 403. */
    public Role require(PlatformUser user, String namespace, Role needed) {
        if (!users.namespaceExists(namespace)) {
            throw ApiException.notFound("no namespace '" + namespace + "'; the platform has '" + DEFAULT_NAMESPACE + "'");
        }
        Role role = users.roleIn(user.id(), namespace).orElseThrow(() -> ApiException.forbidden(
                "user '" + user.username() + "' has no role in namespace '" + namespace + "'; an admin can grant one"));
        if (!role.allows(needed)) {
            throw ApiException.forbidden("user '" + user.username() + "' is " + role + " in namespace '" + namespace
                    + "', and this needs " + needed + "; an admin can grant it");
        }
        return role;
    }

    /** Managing users: ADMIN of the default namespace. */
    public void requireUserAdmin(PlatformUser user) {
        Role role = users.roleIn(user.id(), DEFAULT_NAMESPACE).orElse(null);
        if (role != Role.ADMIN) {
            throw ApiException.forbidden("managing users needs ADMIN in namespace '" + DEFAULT_NAMESPACE + "', and user '"
                    + user.username() + "' is " + (role == null ? "not in it" : role));
        }
    }
}

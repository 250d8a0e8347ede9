package dev.flinkopslab.platform.users;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A logged-in user as Spring Security holds it: session, basic auth and bearer token alike. The roles per
 * namespace are read from the database when a call needs them ({@link NamespaceAccess}), so a changed role
 * counts at once, for sessions too.
 */
public record PlatformUser(long id, String username, String passwordHash) implements UserDetails {
    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_USER"));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    /** Without the hash: what a session or a token's authentication keeps. */
    public PlatformUser withoutPassword() {
        return new PlatformUser(id, username, "");
    }
}

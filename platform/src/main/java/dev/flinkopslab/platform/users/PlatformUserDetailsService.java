package dev.flinkopslab.platform.users;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Basic auth and form login find users here. */
@Service
class PlatformUserDetailsService implements UserDetailsService {
    private final UserRepository users;

    PlatformUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}

package dev.flinkopslab.platform.users;

import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/users} (the user admin) and {@code /api/v1/me} (anyone logged in). */
@RestController
class UsersController {
    private final UserService service;
    private final UserRepository users;
    private final NamespaceAccess access;

    UsersController(UserService service, UserRepository users, NamespaceAccess access) {
        this.service = service;
        this.users = users;
        this.access = access;
    }

    @GetMapping("/api/v1/users")
    List<UserRepository.UserRecord> list(@AuthenticationPrincipal PlatformUser user) {
        access.requireUserAdmin(user);
        return users.list();
    }

    @PostMapping("/api/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserRepository.UserRecord create(@AuthenticationPrincipal PlatformUser user, @Valid @RequestBody NewUser body) {
        access.requireUserAdmin(user);
        return service.create(user.username(), body.username(), body.password(), body.roles());
    }

    @GetMapping("/api/v1/me")
    UserRepository.UserRecord me(@AuthenticationPrincipal PlatformUser user) {
        return users.record(user.id()).orElseThrow();
    }
}

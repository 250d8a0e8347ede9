package dev.flinkopslab.platform.users;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
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

    record NewUser(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,63}", message = "2 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit")
            String username,
            @NotBlank @Size(min = 12, max = 200, message = "must be 12 to 200 characters") String password,
            @NotEmpty(message = "give at least one namespace's role, e.g. {\"default\": \"VIEWER\"}") Map<String, Role> roles) {}

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

package dev.flinkopslab.platform.users;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** A user to create (the API's body, the page's form): name, password, a role per namespace. */
public record NewUser(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,63}", message = "2 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit")
        String username,
        @NotBlank @Size(min = 12, max = 200, message = "must be 12 to 200 characters") String password,
        @NotEmpty(message = "give at least one namespace's role, e.g. {\"default\": \"VIEWER\"}") Map<String, Role> roles) {}

package dev.flinkopslab.platform.tokens;

import dev.flinkopslab.platform.users.PlatformUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A user's own API tokens: create (the value is in this one answer), list, revoke. */
@RestController
class TokensController {
    private final TokenService service;
    private final TokenRepository tokens;

    TokensController(TokenService service, TokenRepository tokens) {
        this.service = service;
        this.tokens = tokens;
    }

    record NewToken(@Size(min = 1, max = 100, message = "must be 1 to 100 characters") String name) {}

    @PostMapping("/api/v1/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    TokenService.CreatedToken create(@AuthenticationPrincipal PlatformUser user, @Valid @RequestBody(required = false) NewToken body) {
        String name = body == null || body.name() == null ? "token" : body.name();
        return service.create(user, name);
    }

    @GetMapping("/api/v1/tokens")
    List<ApiToken> list(@AuthenticationPrincipal PlatformUser user) {
        return tokens.ofUser(user.id());
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal PlatformUser user, @PathVariable long id) {
        service.revoke(user, id);
    }
}

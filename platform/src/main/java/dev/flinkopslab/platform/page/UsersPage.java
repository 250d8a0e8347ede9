package dev.flinkopslab.platform.page;

import dev.flinkopslab.platform.tokens.TokenRepository;
import dev.flinkopslab.platform.tokens.TokenService;
import dev.flinkopslab.platform.users.NewUser;
import dev.flinkopslab.platform.users.PlatformUser;
import dev.flinkopslab.platform.users.Role;
import dev.flinkopslab.platform.users.UserRepository;
import dev.flinkopslab.platform.users.UserService;
import dev.flinkopslab.platform.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Users (the user admin: list, create with a role) and a user's own API tokens (create, shown once; revoke). */
@Controller
class UsersPage {
    private final UserService userService;
    private final UserRepository users;
    private final TokenService tokenService;
    private final TokenRepository tokens;
    private final Validator validator;
    private final PageAccess access;

    UsersPage(UserService userService, UserRepository users, TokenService tokenService, TokenRepository tokens,
              Validator validator, PageAccess access) {
        this.userService = userService;
        this.users = users;
        this.tokenService = tokenService;
        this.tokens = tokens;
        this.validator = validator;
        this.access = access;
    }

    @GetMapping("/users")
    String users(@AuthenticationPrincipal PlatformUser user, Model model) {
        return usersPage(access.requireUserAdmin(user), "", "default", Role.VIEWER, Map.of(), model);
    }

    @PostMapping("/users")
    String create(@AuthenticationPrincipal PlatformUser user, @RequestParam String username, @RequestParam String password,
                  @RequestParam String namespace, @RequestParam Role role, Model model, RedirectAttributes flash,
                  HttpServletResponse response) {
        PageUser me = access.requireUserAdmin(user);
        NewUser request = new NewUser(username.strip(), password, Map.of(namespace.strip(), role));
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<NewUser> v : validator.validate(request)) {
            errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage());
        }
        if (errors.isEmpty()) {
            try {
                userService.create(user.username(), request.username(), request.password(), request.roles());
                flash.addFlashAttribute("notice", "created user " + request.username() + " (" + role + " in " + namespace + ")");
                return "redirect:/users";
            } catch (ApiException e) {
                errors.put(e.field().orElse(""), e.getMessage());
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return usersPage(me, username, namespace, role, errors, model);
    }

    private String usersPage(PageUser me, String username, String namespace, Role role, Map<String, String> errors, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("users", users.list());
        model.addAttribute("roles", Role.values());
        model.addAttribute("username", username);
        model.addAttribute("namespace", namespace);
        model.addAttribute("role", role);
        model.addAttribute("errors", errors);
        return "users";
    }

    @GetMapping("/tokens")
    String tokens(@AuthenticationPrincipal PlatformUser user, Model model) {
        model.addAttribute("me", access.anyone(user));
        model.addAttribute("tokens", tokens.ofUser(user.id()));
        return "tokens";
    }

    @PostMapping("/tokens")
    String createToken(@AuthenticationPrincipal PlatformUser user, @RequestParam String name, RedirectAttributes flash) {
        String given = name.strip();
        if (given.isEmpty() || given.length() > 100) {
            throw ApiException.badRequest("a token's name must be 1 to 100 characters, e.g. 'laptop cli'");
        }
        flash.addFlashAttribute("created", tokenService.create(user, given));
        return "redirect:/tokens";
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal PlatformUser user, @PathVariable long id, RedirectAttributes flash) {
        tokenService.revoke(user, id);
        flash.addFlashAttribute("notice", "revoked token " + id);
        return "redirect:/tokens";
    }
}

package dev.flinkopslab.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The login form (the web page of the next issue replaces it): posts to /login with this session's CSRF token. */
@RestController
class LoginPage {
    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    String page(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String token = csrf == null ? "" : HtmlUtils.htmlEscape(csrf.getToken());
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>flink-ops-lab platform: log in</title></head>
                <body><h1>flink-ops-lab platform</h1>
                <form method="post" action="/login">
                <p><label>Username <input name="username" autocomplete="username" required></label></p>
                <p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
                <input name="_csrf" type="hidden" value="%s">
                <p><button type="submit">Log in</button></p>
                </form></body></html>
                """.formatted(token);
    }
}

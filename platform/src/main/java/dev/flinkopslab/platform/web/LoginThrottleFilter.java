package dev.flinkopslab.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Login attempts — a form post to {@code /login} or a call with basic auth — are counted per user name and
 * client address: a 401 (or a redirect marked failed) is a failure, anything else below 400 a success. A throttled pair gets 429 before its password
 * is even checked.
 */
class LoginThrottleFilter extends OncePerRequestFilter {
    private static final String FAILED = LoginThrottleFilter.class.getName() + ".failed";
    private final LoginThrottle throttle;

    /** A failed login answered with something else than a 401 (the web page's redirect back to the form). */
    static void markFailed(HttpServletRequest request) {
        request.setAttribute(FAILED, Boolean.TRUE);
    }

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = attemptedUsername(request);
        if (username == null) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        OptionalLong wait = throttle.retryAfterSeconds(username, address);
        if (wait.isPresent()) {
            response.setHeader("Retry-After", Long.toString(wait.getAsLong()));
            ErrorBody.writeFor(request, response, 429, "too many failed logins for user '" + username + "' from " + address + " ("
                    + throttle.maxFailures() + " within " + throttle.window().toMinutes() + " min); wait "
                    + wait.getAsLong() + " s, then try again");
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == 401 || request.getAttribute(FAILED) != null) {
            throttle.failed(username, address);
        } else if (response.getStatus() < 400) {
            throttle.succeeded(username, address);
        }
    }

    /** The user name a request tries to log in as, or null when it is no login attempt. */
    static String attemptedUsername(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return null; // not base64: Spring Security answers 401 itself
            }
        }
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            String username = request.getParameter("username");
            return username == null ? "" : username;
        }
        return null;
    }
}

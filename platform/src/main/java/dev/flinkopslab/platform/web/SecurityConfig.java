package dev.flinkopslab.platform.web;

import dev.flinkopslab.platform.tokens.BearerTokenFilter;
import dev.flinkopslab.platform.tokens.TokenService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * Who may call what. Everything but the login page, its style sheet and the health check needs a user: a session
 * (form login, for the web page; its forms and calls carry the CSRF token; a browser is sent to the login page and
 * back), basic auth, or an API token as
 * {@code Authorization: Bearer ...}. Calls with an Authorization header are stateless and need no CSRF token:
 * a browser never adds that header by itself, so a forged cross-site request cannot carry it.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
    static final String WRONG_CREDENTIALS = "wrong username or password";

    @Bean
    PasswordEncoder passwordEncoder() {
        // Argon2id (memory-hard), BouncyCastle's implementation.
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, TokenService tokens, LoginThrottle throttle) throws Exception {
        AuthenticationEntryPoint toLoginPage = new LoginUrlAuthenticationEntryPoint("/login");
        SavedRequestAwareAuthenticationSuccessHandler backToPage = new SavedRequestAwareAuthenticationSuccessHandler();
        AuthenticationEntryPoint noCredentials = (request, response, e) -> {
            if (fromBrowserPage(request)) {
                toLoginPage.commence(request, response, e);
                return;
            }
            ErrorBody.write(response, 401,
                e instanceof InsufficientAuthenticationException || request.getHeader("Authorization") == null
                        ? "authentication required: send 'Authorization: Bearer <token>' (POST /api/v1/tokens with basic auth creates one), or log in at /login"
                        : WRONG_CREDENTIALS);
        };
        AuthenticationEntryPoint wrongCredentials = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"lab platform\"");
            ErrorBody.write(response, 401, WRONG_CREDENTIALS);
        };
        AccessDeniedHandler denied = (request, response, e) -> ErrorBody.writeFor(request, response, 403, e instanceof CsrfException
                ? "missing or invalid CSRF token: a form must send the _csrf field (or the X-CSRF-TOKEN header) of this session; API clients use a bearer token"
                : "not allowed: " + e.getMessage());
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/error", "/page/**", "/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .csrf(c -> c.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
                .formLogin(f -> f.loginPage("/login")
                        .successHandler((request, response, auth) -> {
                            if (fromBrowserPage(request)) {
                                backToPage.onAuthenticationSuccess(request, response, auth);
                                return;
                            }
                            response.setContentType("application/json");
                            response.getWriter().write("{\"username\":\"" + auth.getName() + "\"}");
                        })
                        .failureHandler((request, response, e) -> {
                            if (fromBrowserPage(request)) {
                                LoginThrottleFilter.markFailed(request);
                                response.sendRedirect("/login?error");
                                return;
                            }
                            ErrorBody.write(response, 401, WRONG_CREDENTIALS);
                        })
                        .permitAll())
                .logout(l -> l.logoutSuccessHandler((request, response, auth) -> {
                    if (fromBrowserPage(request)) {
                        response.sendRedirect("/login?logout");
                    } else {
                        response.setStatus(204);
                    }
                }))
                .httpBasic(b -> b.authenticationEntryPoint(wrongCredentials))
                .exceptionHandling(e -> e.authenticationEntryPoint(noCredentials).accessDeniedHandler(denied))
                .addFilterBefore(new LoginThrottleFilter(throttle), CsrfFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class);
        return http.build();
    }

    /** A browser navigating the web page (it asks for HTML), not an API client: it gets redirects, not JSON. */
    static boolean fromBrowserPage(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html") && !request.getRequestURI().startsWith("/api/");
    }
}

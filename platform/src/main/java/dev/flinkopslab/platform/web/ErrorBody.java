package dev.flinkopslab.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/** Every error the platform answers: {@code {"error": "one line: what is wrong and how to fix it"}}. */
public record ErrorBody(String error) {
    public ErrorBody {
        error = error == null ? "" : error.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    public static ResponseEntity<ErrorBody> of(int status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new ErrorBody(message));
    }

    /** For the security filters, which answer before Spring MVC: the same body, written by hand. */
    public static void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":" + quote(new ErrorBody(message).error()) + "}");
    }

    /**
     * As {@link #write}, but a browser on the web page ({@link SecurityConfig#fromBrowserPage}) gets the line as a
     * small page with a way on: a refused form post must not leave a person looking at JSON.
     */
    static void writeFor(HttpServletRequest request, HttpServletResponse response, int status, String message) throws IOException {
        if (!SecurityConfig.fromBrowserPage(request)) {
            write(response, status, message);
            return;
        }
        response.setStatus(status);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%d · flink-ops-lab platform</title><link rel="stylesheet" href="/page/page.css"></head>
                <body class="narrow"><main><h1>%d</h1><p class="error" role="alert">%s</p>
                <p><a href="/">Deployments</a> · <a href="/login">Log in</a></p></main></body></html>
                """.formatted(status, status, HtmlUtils.htmlEscape(new ErrorBody(message).error())));
    }

    static Map<String, String> map(String message) {
        return Map.of("error", new ErrorBody(message).error());
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

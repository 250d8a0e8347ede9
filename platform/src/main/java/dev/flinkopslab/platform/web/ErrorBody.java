package dev.flinkopslab.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

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

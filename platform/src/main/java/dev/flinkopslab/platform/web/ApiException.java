package dev.flinkopslab.platform.web;

import org.springframework.http.HttpStatus;

/** What a caller did wrong, with the status to answer and one line on how to fix it. */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String field;

    public ApiException(HttpStatus status, String message) {
        this(status, message, null);
    }

    private ApiException(HttpStatus status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    /** The request field at fault (a path like {@code spec.template.parallelism}), where one is: the page shows it there. */
    public java.util.Optional<String> field() {
        return java.util.Optional.ofNullable(field);
    }

    /** A 400 for one field: "invalid field 'F': why". */
    public static ApiException invalidField(String field, String why) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid field '" + field + "': " + why, field);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, message);
    }
}

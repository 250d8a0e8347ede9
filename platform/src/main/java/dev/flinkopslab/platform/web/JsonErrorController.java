package dev.flinkopslab.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that happen outside a controller (in a filter, in the container) reach {@code /error}: the same
 * one-line JSON as everywhere else, never Boot's page or a stack trace.
 */
@RestController
class JsonErrorController implements ErrorController {
    @RequestMapping("/error")
    ResponseEntity<ErrorBody> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Object ex = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (ex instanceof Throwable t && UploadLimit.isSizeLimit(t)) {
            return ErrorBody.of(413, "the upload is larger than the platform's limit; start it with a larger --max-upload-size");
        }
        String message = switch (status) {
            case 400 -> "bad request";
            case 401 -> "authentication required";
            case 403 -> "not allowed";
            case 404 -> "no such endpoint: " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                    + "; the API is under /api/v1 (see /v3/api-docs)";
            case 405 -> "method not allowed here";
            case 413 -> "the request is too large";
            default -> status >= 500 ? "internal error; the details are in the platform's log" : "request failed";
        };
        return ErrorBody.of(status, message);
    }
}

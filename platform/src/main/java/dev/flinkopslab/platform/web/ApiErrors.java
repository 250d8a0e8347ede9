package dev.flinkopslab.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps what went wrong in a controller to its 4xx and one line; anything unexpected is a 500 and is logged. */
@RestControllerAdvice
class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorBody> api(ApiException e) {
        return ErrorBody.of(e.status().value(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ErrorBody> invalid(MethodArgumentNotValidException e) {
        FieldError f = e.getBindingResult().getFieldError();
        String message = f == null ? "invalid request: " + e.getBindingResult().getAllErrors().get(0).getDefaultMessage()
                : "invalid field '" + f.getField() + "': " + f.getDefaultMessage();
        return ErrorBody.of(400, message);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
        return ErrorBody.of(400, JsonProblems.describe(e.getCause()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorBody> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ErrorBody.of(400, "invalid value '" + e.getValue() + "' for '" + e.getName() + "'");
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ErrorBody> missingPart(MissingServletRequestPartException e) {
        return ErrorBody.of(400, "missing multipart part '" + e.getRequestPartName() + "'; send the JAR as -F "
                + e.getRequestPartName() + "=@job.jar");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorBody> missingParameter(MissingServletRequestParameterException e) {
        return ErrorBody.of(400, "missing parameter '" + e.getParameterName() + "'");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ErrorBody> tooLarge(MaxUploadSizeExceededException e) {
        return ErrorBody.of(413, "the upload is larger than the limit of " + UploadLimit.describe(e.getMaxUploadSize())
                + "; start the platform with a larger --max-upload-size");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ErrorBody> multipart(MultipartException e) {
        if (UploadLimit.isSizeLimit(e)) {
            return ErrorBody.of(413, "the upload is larger than the platform's limit; start it with a larger --max-upload-size");
        }
        return ErrorBody.of(400, "not a valid multipart/form-data request; send the JAR as -F file=@job.jar");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException e) {
        return ErrorBody.of(405, e.getMethod() + " is not supported here; supported: " + e.getSupportedHttpMethods());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException e) {
        return ErrorBody.of(415, "content type " + e.getContentType() + " is not supported here; supported: "
                + e.getSupportedMediaTypes());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ErrorBody> noResource(NoResourceFoundException e) {
        return ErrorBody.of(404, "no such endpoint: /" + e.getResourcePath() + "; the API is under /api/v1 (see /v3/api-docs)");
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ErrorBody> denied(RuntimeException e) {
        return ErrorBody.of(403, "not allowed: " + e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e) {
        LOG.error("unexpected error", e);
        return ErrorBody.of(HttpStatus.INTERNAL_SERVER_ERROR.value(), "internal error (" + e.getClass().getSimpleName()
                + "); the details are in the platform's log");
    }
}

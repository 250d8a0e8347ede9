package dev.flinkopslab.platform.web;

import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * One line for a JSON body that does not fit its type, naming the field: what an unreadable request body
 * answers, and what a merged patch answers (it is read after the controller, so MVC's handler never sees it).
 */
public final class JsonProblems {
    private JsonProblems() {}

    public static String describe(Throwable cause) {
        if (cause instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return "invalid value '" + f.getValue() + "' for '" + path(f) + "'; one of "
                    + Arrays.toString(f.getTargetType().getEnumConstants());
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + path(u) + "'; known here: " + u.getKnownPropertyIds();
        }
        if (cause instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            return "invalid value for '" + path(m) + "'; see /v3/api-docs for its schema";
        }
        return "the request body is not the JSON this call takes; see /v3/api-docs for its schema";
    }

    /** The JSON field's path as {@code spec.template.parallelism} (indexes as {@code [0]}). */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}

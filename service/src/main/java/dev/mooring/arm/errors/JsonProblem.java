package dev.mooring.arm.errors;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/** Describes a JSON parsing failure by position and property path only, never by the offending value. */
final class JsonProblem {

    private JsonProblem() {
    }

    static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            return "the value at '" + jsonPath(databind) + "' has the wrong type or format";
        }
        if (cause instanceof JacksonException jackson && jackson.getLocation() != null) {
            return "malformed JSON at line " + jackson.getLocation().getLineNr()
                    + ", column " + jackson.getLocation().getColumnNr();
        }
        return "the body is missing or is not JSON";
    }

    /** The property path as the caller wrote it ({@code properties.tags[0]}), never Mooring's class names. */
    private static String jsonPath(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}

package dev.mooring.arm.errors;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A failure the caller should see as an ARM error with a precise status and code. Features throw it;
 * {@link ArmExceptionHandler} renders it. Messages must never contain secrets or tokens.
 */
public class ArmException extends RuntimeException {

    private final HttpStatus status;
    private final ArmError error;

    public ArmException(HttpStatus status, String code, String message) {
        this(status, new ArmError(code, message));
    }

    public ArmException(HttpStatus status, String code, String message, String target) {
        this(status, new ArmError(code, message, target));
    }

    public ArmException(HttpStatus status, ArmError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.status = status;
        this.error = error;
    }

    public HttpStatus status() {
        return status;
    }

    public ArmError error() {
        return error;
    }

    public static ArmException badRequest(String code, String message, String target) {
        return new ArmException(HttpStatus.BAD_REQUEST, code, message, target);
    }

    public static ArmException notFound(String code, String message) {
        return new ArmException(HttpStatus.NOT_FOUND, code, message);
    }

    public static ArmException withDetails(HttpStatus status, String code, String message, List<ArmError> details) {
        return new ArmException(status, new ArmError(code, message, null, details));
    }
}

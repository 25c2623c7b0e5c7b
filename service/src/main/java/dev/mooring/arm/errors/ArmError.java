package dev.mooring.arm.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One error in ARM's shape: {@code code} (PascalCase) and {@code message} always; {@code target} and
 * {@code details} when they help. The SDKs read the code from here, so every failure uses this shape.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ArmError(String code, String message, String target, List<ArmError> details) {

    public ArmError(String code, String message) {
        this(code, message, null, List.of());
    }

    public ArmError(String code, String message, String target) {
        this(code, message, target, List.of());
    }

    /** The response body: ARM wraps the error in an {@code error} property. */
    public record Body(ArmError error) {
    }
}

package dev.mooring.access;

import dev.mooring.arm.errors.ArmError;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Maps why authentication failed to ARM's error codes: {@code AuthenticationFailed} (no usable
 * Authorization header), {@code ExpiredAuthenticationToken}, and {@code InvalidAuthenticationToken}
 * (bad signature, unknown key, {@code alg: none}, wrong audience or issuer, missing claims, garbage).
 * Messages never repeat the token.
 */
final class AuthenticationFailures {

    private final List<String> audiences;

    AuthenticationFailures(List<String> audiences) {
        this.audiences = List.copyOf(audiences);
    }

    ArmError classify(HttpServletRequest request, AuthenticationException failure) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return new ArmError("AuthenticationFailed",
                    "Authentication failed. The 'Authorization' header is missing.");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || isInvalidRequest(failure)) {
            return new ArmError("AuthenticationFailed",
                    "Authentication failed. The 'Authorization' header is provided in an invalid format.");
        }
        for (OAuth2Error error : validationErrors(failure)) {
            String description = String.valueOf(error.getDescription());
            if (description.startsWith("Jwt expired")) {
                return new ArmError("ExpiredAuthenticationToken",
                        "The access token has expired. Acquire a new token and try again.");
            }
            if (description.startsWith("The aud claim")) {
                return new ArmError("InvalidAuthenticationToken",
                        "The access token has been obtained for wrong audience or resource. It should exactly match"
                                + " one of the allowed audiences '" + String.join("', '", audiences) + "'.");
            }
            if (description.startsWith("The iss claim")) {
                return new ArmError("InvalidAuthenticationToken",
                        "The access token is from the wrong issuer.");
            }
            if (description.startsWith("The access token is missing")) {
                return new ArmError("InvalidAuthenticationToken", description);
            }
        }
        return new ArmError("InvalidAuthenticationToken", "The access token is invalid.");
    }

    private static boolean isInvalidRequest(AuthenticationException failure) {
        return failure instanceof OAuth2AuthenticationException oauth
                && OAuth2ErrorCodes.INVALID_REQUEST.equals(oauth.getError().getErrorCode());
    }

    private static List<OAuth2Error> validationErrors(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JwtValidationException validation) {
                return List.copyOf(validation.getErrors());
            }
        }
        return List.of();
    }
}

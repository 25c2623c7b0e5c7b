package dev.mooring.access;

import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.errors.ArmError;
import dev.mooring.arm.errors.ArmErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 {@code AuthorizationFailed} in ARM's shape, naming the client and its object id. */
final class ArmAccessDeniedHandler implements AccessDeniedHandler {

    private final ArmErrorWriter writer;

    ArmAccessDeniedHandler(ArmErrorWriter writer) {
        this.writer = writer;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String message = "The client does not have authorization to perform this request.";
        if (SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication auth) {
            CallerIdentity caller = auth.getPrincipal();
            message = "The client '" + caller.displayName() + "' with object id '" + caller.objectId()
                    + "' does not have authorization to perform '" + request.getMethod() + " "
                    + request.getRequestURI() + "'.";
        }
        writer.write(response, HttpStatus.FORBIDDEN, new ArmError("AuthorizationFailed", message));
    }
}

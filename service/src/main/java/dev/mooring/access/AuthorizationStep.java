package dev.mooring.access;

import dev.mooring.arm.ArmAuthorizer;
import dev.mooring.arm.errors.ArmErrors;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.pipeline.ArmPipeline;
import dev.mooring.arm.pipeline.ArmRequest;
import dev.mooring.arm.CallerIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The ARM pipeline's authorization step: the endpoint's declared action at the request's scope. */
@Component
class AuthorizationStep implements ArmPipeline.Step {

    private final ArmAuthorizer authorizer;

    AuthorizationStep(ArmAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public int order() {
        return ArmPipeline.AUTHORIZATION;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        ArmOperation operation = ArmRequest.operation(handler).orElse(null);
        if (operation == null) {
            return true;
        }
        CallerIdentity caller = caller();
        switch (operation.authorization()) {
            case ACTION -> {
                if (operation.actions().length != 1) {
                    throw new IllegalStateException("An ACTION-authorised endpoint names exactly one action");
                }
                authorizer.require(caller, operation.actions()[0], ArmRequest.path(request));
            }
            case PLATFORM_ADMIN -> {
                if (!caller.isPlatformAdmin()) {
                    throw new ArmException(HttpStatus.FORBIDDEN, "AuthorizationFailed", "The client '"
                            + caller.displayName() + "' with object id '" + caller.objectId()
                            + "' is not a platform administrator, which this operation requires.");
                }
            }
            case IN_HANDLER, AUTHENTICATED -> {
                // The handler checks (IN_HANDLER), or any authenticated caller may proceed.
            }
        }
        return true;
    }

    private static CallerIdentity caller() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CallerIdentity caller) {
            return caller;
        }
        throw new ArmException(HttpStatus.UNAUTHORIZED, "AuthenticationFailed", "Authentication failed.");
    }
}

package dev.mooring.arm.errors;

import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.pipeline.RequestIds;
import org.slf4j.MDC;

/** ARM errors that several features raise, with ARM's codes and message wording. */
public final class ArmErrors {

    private ArmErrors() {
    }

    public static ArmError routeNotFound(String path) {
        return new ArmError("NotFound", "The requested path '" + path + "' does not exist.");
    }

    public static ArmError authorizationFailed() {
        return new ArmError("AuthorizationFailed",
                "The client does not have authorization to perform this request.");
    }

    /** 403 as ARM words it, naming the client, its object id, the action and the scope. */
    public static ArmException authorizationFailed(CallerIdentity caller, String action, String scope) {
        return new ArmException(org.springframework.http.HttpStatus.FORBIDDEN, "AuthorizationFailed",
                "The client '" + caller.displayName() + "' with object id '" + caller.objectId()
                        + "' does not have authorization to perform action '" + action + "' over scope '" + scope
                        + "' or the scope is invalid. If access was recently granted, please refresh your credentials.");
    }

    /** A real 500: the body names the request id so support can find the log line; nothing else leaks. */
    public static ArmError internal() {
        String requestId = MDC.get(RequestIds.REQUEST_ID_MDC_KEY);
        return new ArmError("InternalServerError", "An internal error occurred"
                + (requestId == null ? "." : ". Request id: '" + requestId + "'."));
    }
}

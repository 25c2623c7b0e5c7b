package dev.mooring.arm;

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

    /** A real 500: the body names the request id so support can find the log line; nothing else leaks. */
    public static ArmError internal() {
        String requestId = MDC.get(RequestIds.REQUEST_ID_MDC_KEY);
        return new ArmError("InternalServerError", "An internal error occurred"
                + (requestId == null ? "." : ". Request id: '" + requestId + "'."));
    }
}

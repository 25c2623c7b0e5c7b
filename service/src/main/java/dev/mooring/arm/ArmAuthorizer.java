package dev.mooring.arm;

import dev.mooring.arm.errors.ArmErrors;

/**
 * Role-based access as the ARM layer and the features ask for it. Implemented by the {@code access}
 * feature; declared here so that the ARM pipeline does not depend on how roles are stored.
 */
public interface ArmAuthorizer {

    /** Whether the caller may perform {@code action} at {@code scope} (an ARM resource id or a prefix of one). */
    boolean allows(CallerIdentity caller, String action, String scope);

    /**
     * The lower-cased scopes at which the caller's role assignments (its own or its groups', made in its
     * tenant) grant {@code action}: what it may do there and, by inheritance, everywhere below. Lets a feature
     * express "what the caller can read" as a query instead of checking resources one by one.
     */
    java.util.List<String> scopesGranting(CallerIdentity caller, String action);

    /** Throws 403 {@code AuthorizationFailed} in ARM's words unless {@link #allows} is true. */
    default void require(CallerIdentity caller, ArmAction action, String scope) {
        if (!allows(caller, action.action(), scope)) {
            throw ArmErrors.authorizationFailed(caller, action.action(), scope);
        }
    }
}

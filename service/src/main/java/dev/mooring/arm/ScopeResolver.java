package dev.mooring.arm;

import java.util.Optional;

/**
 * Tells whether an ARM scope below a subscription exists (a resource group, a resource, an extension
 * resource). Each feature answers for the scopes it owns and returns empty for the others.
 */
public interface ScopeResolver {

    Optional<Boolean> exists(String scope);
}

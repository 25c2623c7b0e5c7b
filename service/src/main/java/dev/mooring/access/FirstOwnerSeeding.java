package dev.mooring.access;

import dev.mooring.arm.ArmAction;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.errors.ArmErrors;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What {@code Platform.Admin} may do with role assignments beyond its own assignments: give a subscription that has
 * no Owner yet its first Owner, at the subscription's own scope. Nothing else; every use is written to the audit
 * log ({@code mooring.audit} logger).
 */
@Component
class FirstOwnerSeeding {

    private static final Logger audit = LoggerFactory.getLogger("mooring.audit");

    private final RoleAssignmentRepository repository;

    FirstOwnerSeeding(RoleAssignmentRepository repository) {
        this.repository = repository;
    }

    /** Throws 403 unless this grant is the first Owner of the subscription at its own scope. */
    void require(CallerIdentity caller, String scope, UUID roleDefinition) {
        String subscriptionScope = "/subscriptions/" + Scopes.subscriptionOf(scope);
        boolean firstOwner = caller.isPlatformAdmin() && scope.equalsIgnoreCase(subscriptionScope)
                && BuiltInRoles.OWNER.equals(roleDefinition)
                && !repository.existsByScopeKeyAndRoleDefinitionId(subscriptionScope.toLowerCase(Locale.ROOT),
                        BuiltInRoles.OWNER);
        if (!firstOwner) {
            throw ArmErrors.authorizationFailed(caller, ArmAction.ROLE_ASSIGNMENTS_WRITE.action(), scope);
        }
    }

    void record(CallerIdentity caller, RoleAssignment granted) {
        audit.info("Platform.Admin {} of tenant {} assigned the first Owner {} of subscription {} (role assignment {})",
                caller.objectId(), caller.tenantId(), granted.principalId(), granted.subscriptionId(), granted.id());
    }
}

package dev.mooring.access;

import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Role assignments as other features need them: granting a role, and which subscriptions a caller can see. */
@Service
public class RoleAssignments {

    private final RoleAssignmentRepository repository;
    private final Clock clock;

    RoleAssignments(RoleAssignmentRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Grants {@code roleDefinitionId} to a principal at the subscription's scope, unless it already holds it. */
    @Transactional
    public void grantAtSubscription(UUID subscriptionId, UUID tenantId, UUID roleDefinitionId, UUID principalId,
            String principalType, String grantedBy) {
        String scope = "/subscriptions/" + subscriptionId;
        if (repository.existsByScopeKeyAndRoleDefinitionIdAndPrincipalId(scope.toLowerCase(Locale.ROOT),
                roleDefinitionId, principalId)) {
            return;
        }
        repository.save(new RoleAssignment(UUID.randomUUID(), scope, subscriptionId, roleDefinitionId, principalId,
                principalType, tenantId, grantedBy, clock.instant()));
    }

    /** Subscriptions where the caller, or one of its groups, holds any role at any scope. */
    @Transactional(readOnly = true)
    public Set<UUID> subscriptionsVisibleTo(CallerIdentity caller) {
        Set<UUID> principals = caller.principalIds().stream()
                .map(RoleAssignments::uuidOrNull)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        return principals.isEmpty() ? Set.of() : Set.copyOf(repository.findSubscriptionIdsByPrincipalIdIn(principals));
    }

    private static UUID uuidOrNull(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAGuid) {
            return null;
        }
    }
}

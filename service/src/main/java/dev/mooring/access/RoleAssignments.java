package dev.mooring.access;

import dev.mooring.arm.Guids;
import dev.mooring.arm.CallerIdentity;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Role assignments: granting, revoking, reading. Every change notifies all replicas (PostgreSQL
 * {@code NOTIFY}, delivered on commit) so their authorization caches drop the principal's entry.
 */
@Service
public class RoleAssignments {

    private final RoleAssignmentRepository repository;
    private final AssignmentCache cache;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    RoleAssignments(RoleAssignmentRepository repository, AssignmentCache cache, JdbcTemplate jdbc, Clock clock) {
        this.repository = repository;
        this.cache = cache;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Grants {@code roleDefinitionId} to a principal at the subscription's scope, unless it already holds it. */
    @Transactional
    public void grantAtSubscription(UUID subscriptionId, UUID tenantId, UUID roleDefinitionId, UUID principalId,
            String principalType, String grantedBy) {
        String scope = "/subscriptions/" + subscriptionId;
        if (!repository.existsByScopeKeyAndRoleDefinitionIdAndPrincipalId(scope.toLowerCase(Locale.ROOT),
                roleDefinitionId, principalId)) {
            save(new RoleAssignment(UUID.randomUUID(), scope, subscriptionId, roleDefinitionId, principalId,
                    principalType, tenantId, null, grantedBy, clock.instant()));
        }
    }

    /** Subscriptions of the caller's tenant where the caller, or one of its groups, holds any role at any scope. */
    @Transactional(readOnly = true)
    public Set<UUID> subscriptionsVisibleTo(CallerIdentity caller) {
        UUID tenant = Guids.parse(caller.tenantId());
        Set<UUID> principals = caller.principalIds().stream().map(Guids::parse).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        if (tenant == null || principals.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(repository.findSubscriptionIdsByPrincipalIdInAndTenantId(principals, tenant));
    }

    /** Removes every assignment at or under {@code scope} (a resource group or resource being deleted). */
    @Transactional
    public int revokeAtOrUnder(String scope) {
        String scopeKey = scope.toLowerCase(Locale.ROOT);
        List<UUID> principals = repository.findPrincipalsAtOrUnder(scopeKey);
        int removed = repository.deleteAtOrUnder(scopeKey);
        principals.forEach(this::announce);
        return removed;
    }

    Optional<RoleAssignment> find(UUID id) {
        return repository.findById(id);
    }

    RoleAssignment save(RoleAssignment assignment) {
        RoleAssignment saved = repository.save(assignment);
        announce(assignment.principalId());
        return saved;
    }

    void delete(RoleAssignment assignment) {
        repository.delete(assignment);
        announce(assignment.principalId());
    }

    List<RoleAssignment> visible(UUID tenant, List<String> ancestors, boolean below, String scopeKey, UUID principal,
            UUID after, int limit) {
        return repository.findVisible(tenant, ancestors, below, scopeKey + "/",
                principal == null ? null : principal.toString(), after == null ? null : after.toString(), limit);
    }

    /** Tells every replica (and, after commit, this one) that the principal's assignments changed. */
    private void announce(UUID principal) {
        jdbc.queryForObject("select pg_notify(?, ?)", Object.class, AssignmentChangeListener.CHANNEL, principal.toString());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.invalidate(principal);
                }
            });
        } else {
            cache.invalidate(principal);
        }
    }
}

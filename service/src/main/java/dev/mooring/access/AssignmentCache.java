package dev.mooring.access;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Each principal's role assignments, cached so that an authorization check costs no database round trip.
 * Entries are dropped when assignments change: at once on the replica that wrote them, and on every
 * other replica through PostgreSQL notifications ({@link AssignmentChangeListener}); a short expiry bounds
 * staleness should a notification ever be missed.
 */
@Component
class AssignmentCache {

    /** What an authorization check needs of an assignment. */
    record Grant(String scopeKey, UUID roleDefinitionId, UUID tenantId) {
    }

    private final LoadingCache<UUID, List<Grant>> byPrincipal;

    AssignmentCache(RoleAssignmentRepository repository) {
        this.byPrincipal = Caffeine.newBuilder()
                .maximumSize(500_000)
                .expireAfterWrite(Duration.ofMinutes(5))
                .build(principal -> repository.findByPrincipalId(principal).stream()
                        .map(a -> new Grant(a.scopeKey(), a.roleDefinitionId(), a.tenantId()))
                        .toList());
    }

    List<Grant> grantsOf(UUID principal) {
        return byPrincipal.get(principal);
    }

    void invalidate(UUID principal) {
        byPrincipal.invalidate(principal);
    }

    void invalidateAll() {
        byPrincipal.invalidateAll();
    }
}

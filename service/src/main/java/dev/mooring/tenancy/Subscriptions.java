package dev.mooring.tenancy;

import dev.mooring.access.RoleAssignments;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.Guids;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Subscriptions: which exist and who may see them. The tenant boundary itself is {@link SubscriptionStep}'s. */
@Service
public class Subscriptions {

    private final SubscriptionRepository repository;
    private final RoleAssignments roleAssignments;
    private final Clock clock;

    Subscriptions(SubscriptionRepository repository, RoleAssignments roleAssignments, Clock clock) {
        this.repository = repository;
        this.roleAssignments = roleAssignments;
        this.clock = clock;
    }

    /** Creates the subscription as Registered unless it exists already (used by local mode's seed and tests). */
    @Transactional
    public void ensureRegistered(UUID id, UUID tenantId, String displayName) {
        if (!repository.existsById(id)) {
            repository.save(new Subscription(id, tenantId, displayName, SubscriptionState.Registered, clock.instant()));
        }
    }

    /** Subscriptions in the caller's tenant on which the caller holds any role. */
    @Transactional(readOnly = true)
    List<Subscription> visibleTo(CallerIdentity caller) {
        UUID tenant = Guids.parse(caller.tenantId());
        Set<UUID> withRoles = roleAssignments.subscriptionsVisibleTo(caller);
        if (tenant == null || withRoles.isEmpty()) {
            return List.of();
        }
        return repository.findByTenantIdAndIdInOrderById(tenant, withRoles);
    }

    /** The subscription, if the caller holds any role on it; otherwise 404, as if it did not exist. */
    @Transactional(readOnly = true)
    Subscription readableBy(String subscriptionId, CallerIdentity caller) {
        UUID id = Guids.parse(subscriptionId);
        if (id == null || !roleAssignments.subscriptionsVisibleTo(caller).contains(id)) {
            throw notFound(subscriptionId);
        }
        return repository.findById(id).orElseThrow(() -> notFound(subscriptionId));
    }

    static ArmException notFound(String subscriptionId) {
        return ArmException.notFound("SubscriptionNotFound",
                "The subscription '" + Bounded.text(subscriptionId) + "' could not be found.");
    }
}

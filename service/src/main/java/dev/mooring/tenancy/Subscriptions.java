package dev.mooring.tenancy;

import dev.mooring.access.CallerIdentity;
import dev.mooring.access.RoleAssignments;
import dev.mooring.arm.ArmException;
import dev.mooring.arm.Bounded;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Subscriptions: which exist, who may see them, and the tenant boundary around each. */
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

    /** Creates the subscription as Registered unless it exists already (used by local mode's seed). */
    @Transactional
    public void ensureRegistered(UUID id, UUID tenantId, String displayName) {
        if (!repository.existsById(id)) {
            repository.save(new Subscription(id, tenantId, displayName, SubscriptionState.Registered, clock.instant()));
        }
    }

    /** Subscriptions in the caller's tenant on which the caller holds any role. */
    @Transactional(readOnly = true)
    List<Subscription> visibleTo(CallerIdentity caller) {
        UUID tenant = parseGuid(caller.tenantId());
        Set<UUID> withRoles = roleAssignments.subscriptionsVisibleTo(caller);
        if (tenant == null || withRoles.isEmpty()) {
            return List.of();
        }
        return repository.findByTenantIdAndIdInOrderById(tenant, withRoles);
    }

    /**
     * The subscription, if the caller may read it. Another tenant's token gets 401
     * {@code InvalidAuthenticationTokenTenant} and learns nothing else; a caller without any role on it
     * sees 404, as if it did not exist.
     */
    @Transactional(readOnly = true)
    Subscription readableBy(String subscriptionId, CallerIdentity caller) {
        UUID id = parseGuid(subscriptionId);
        if (id == null) {
            throw new ArmException(HttpStatus.BAD_REQUEST, "InvalidSubscriptionId",
                    "The provided subscription identifier '" + Bounded.text(subscriptionId) + "' is malformed or invalid.");
        }
        Subscription subscription = repository.findById(id).orElseThrow(() -> notFound(subscriptionId));
        if (!subscription.tenantId().toString().equalsIgnoreCase(caller.tenantId())) {
            throw new ArmException(HttpStatus.UNAUTHORIZED, "InvalidAuthenticationTokenTenant",
                    "The access token is from the wrong tenant. It must match the tenant associated with this subscription.");
        }
        if (!roleAssignments.subscriptionsVisibleTo(caller).contains(id)) {
            throw notFound(subscriptionId);
        }
        return subscription;
    }

    private static ArmException notFound(String subscriptionId) {
        return ArmException.notFound("SubscriptionNotFound",
                "The subscription '" + Bounded.text(subscriptionId) + "' could not be found.");
    }

    private static UUID parseGuid(String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

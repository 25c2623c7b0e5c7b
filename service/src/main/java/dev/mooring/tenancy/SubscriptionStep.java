package dev.mooring.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mooring.arm.Guids;
import dev.mooring.arm.ArmAction;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.pipeline.ArmPipeline;
import dev.mooring.arm.pipeline.ArmRequest;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.CallerIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The ARM pipeline's subscription step, for every request whose path names a subscription: it must
 * exist, belong to the caller's tenant (another tenant's token gets 401
 * {@code InvalidAuthenticationTokenTenant} and learns nothing else), and its lifecycle state must allow
 * the request: Registered allows everything, Warned and Suspended only GET and DELETE, Unregistered and
 * Deleted only GET. Subscription rows are cached for a few seconds.
 */
@Component
class SubscriptionStep implements ArmPipeline.Step {

    /** Platform.Admin may seed a subscription's first Owner from its own tenant (access.FirstOwnerSeeding). */
    private static final Set<ArmAction> ADMIN_CROSS_TENANT = Set.of(ArmAction.ROLE_ASSIGNMENTS_WRITE);

    private final SubscriptionRepository repository;
    private final Cache<UUID, Optional<Subscription>> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(5))
            .maximumSize(100_000)
            .build();

    SubscriptionStep(SubscriptionRepository repository) {
        this.repository = repository;
    }

    @Override
    public int order() {
        return ArmPipeline.SUBSCRIPTION;
    }

    void forget(UUID subscriptionId) {
        cache.invalidate(subscriptionId);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        ArmOperation operation = ArmRequest.operation(handler).orElse(null);
        String subscriptionId = ArmRequest.pathVariable(request, "subscriptionId").orElse(null);
        if (operation == null || subscriptionId == null
                || operation.resourceType().equals(TenancyApiVersions.SUBSCRIPTION_LIFECYCLE)) {
            return true;
        }
        UUID id = Guids.parse(subscriptionId);
        if (id == null) {
            throw new ArmException(HttpStatus.BAD_REQUEST, "InvalidSubscriptionId",
                    "The provided subscription identifier '" + Bounded.text(subscriptionId) + "' is malformed or invalid.");
        }
        Subscription subscription = cache.get(id, repository::findById)
                .orElseThrow(() -> Subscriptions.notFound(subscriptionId));
        CallerIdentity caller = (CallerIdentity) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        boolean adminCrossTenant = caller.isPlatformAdmin() && (operation.authorization() == ArmOperation.Authorization.PLATFORM_ADMIN
                || Arrays.stream(operation.actions()).anyMatch(ADMIN_CROSS_TENANT::contains));
        if (!subscription.tenantId().toString().equalsIgnoreCase(caller.tenantId()) && !adminCrossTenant) {
            throw new ArmException(HttpStatus.UNAUTHORIZED, "InvalidAuthenticationTokenTenant",
                    "The access token is from the wrong tenant. It must match the tenant associated with this subscription.");
        }
        requireStateAllows(subscription, request.getMethod());
        ArmRequest.subscriptionTenant(request, subscription.tenantId());
        return true;
    }

    private static void requireStateAllows(Subscription subscription, String method) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        boolean allowed = switch (subscription.state()) {
            case Registered -> true;
            case Warned, Suspended -> read || method.equals("DELETE");
            case Unregistered, Deleted -> read;
        };
        if (!allowed) {
            throw new ArmException(HttpStatus.CONFLICT, "InvalidSubscriptionState",
                    "The subscription '" + subscription.id() + "' is in state '" + subscription.state()
                            + "', which does not allow " + method + " requests.");
        }
    }
}

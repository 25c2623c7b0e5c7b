package dev.mooring.notifications;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.SystemData;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.paging.Paging;
import dev.mooring.clusters.ClusterDirectory;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.tenancy.ProviderRegistrations;
import dev.mooring.tenancy.ResourceGroups;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The event subscription resource: where it may hang (a subscription, an existing resource group or connected
 * cluster), creating and replacing it (the destination checked for SSRF and validated by the handshake before it
 * is stored), reading, listing, deleting, and handing out its signing secret.
 */
@Service
class EventSubscriptions {

    static final String NAMESPACE = "Microsoft.EventGrid";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9-]{3,64}");

    /** Where a subscription hangs: its Azure subscription and the scope's resource id. */
    record Scope(UUID subscriptionId, String id) {
    }

    record Located(EventSubscription subscription, boolean created) {
    }

    private final EventSubscriptionStore store;
    private final Destinations destinations;
    private final Handshake handshake;
    private final ClusterDirectory clusters;
    private final ResourceGroups groups;
    private final ProviderRegistrations providers;
    private final TransactionTemplate transaction;
    private final Clock clock;

    EventSubscriptions(EventSubscriptionStore store, Destinations destinations, Handshake handshake,
            ClusterDirectory clusters, ResourceGroups groups, ProviderRegistrations providers,
            TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.destinations = destinations;
        this.handshake = handshake;
        this.clusters = clusters;
        this.groups = groups;
        this.providers = providers;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The scope named by the path: the subscription, a resource group or a connected cluster, which must exist. */
    Scope scope(String subscriptionId, String resourceGroupName, String clusterName) {
        UUID subscription = UUID.fromString(subscriptionId);
        String id = "/subscriptions/" + subscription;
        if (clusterName != null) {
            ClusterReference cluster = clusters.find(subscription, resourceGroupName, clusterName)
                    .orElseThrow(() -> parentNotFound("connected cluster", clusterName));
            return new Scope(subscription, cluster.resourceId());
        }
        if (resourceGroupName != null) {
            if (!groups.exists(subscription, resourceGroupName)) {
                throw parentNotFound("resource group", resourceGroupName);
            }
            return new Scope(subscription, id + "/resourceGroups/" + resourceGroupName);
        }
        return new Scope(subscription, id);
    }

    Located put(Scope scope, String name, JsonNode body, ArmContext context) {
        requireName(name);
        EventSubscriptionSpec spec = EventSubscriptionSpec.read(body);
        providers.requireRegistered(scope.subscriptionId(), NAMESPACE);
        URI endpoint = destinations.check(spec.endpointUrl(), "properties.destination.properties.endpointUrl");
        Optional<EventSubscription> existing = store.find(scope.id(), name);
        boolean newEndpoint = existing.map(s -> !store.endpointUrl(s.id()).equals(spec.endpointUrl())).orElse(true);
        if (newEndpoint) {
            handshake.require(endpoint);
        }
        SystemData.Actor actor = context.caller().actor();
        return transaction.execute(status -> {
            Optional<EventSubscription> current = store.find(scope.id(), name);
            if (current.isPresent()) {
                EventSubscription found = current.get();
                store.update(found.id(), Destinations.baseUrl(endpoint), spec,
                        newEndpoint ? Optional.of(spec.endpointUrl()) : Optional.empty(),
                        found.systemData().modified(actor, clock.instant()));
                return new Located(store.find(scope.id(), name).orElseThrow(), false);
            }
            store.insert(UUID.randomUUID(), scope.subscriptionId(), scope.id(), name, Destinations.baseUrl(endpoint),
                    spec, spec.endpointUrl(), Signatures.newSecret(), SystemData.created(actor, clock.instant()));
            return new Located(store.find(scope.id(), name).orElseThrow(), true);
        });
    }

    EventSubscription get(Scope scope, String name) {
        return store.find(scope.id(), name).orElseThrow(() -> notFound(name));
    }

    <T> Paging.Page<T> list(Scope scope, Function<EventSubscription, T> view, ArmContext context) {
        Paging.Request page = context.page();
        List<EventSubscription> rows = store.list(scope.id(), page.after(), page.fetchSize());
        return Paging.page(rows, page, s -> EventSubscriptionSpec.key(s.name()), view, context.requestUrl());
    }

    boolean delete(Scope scope, String name) {
        return store.delete(scope.id(), name);
    }

    String secret(Scope scope, String name) {
        return store.secret(get(scope, name).id());
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ArmException.badRequest("InvalidResourceName", "The event subscription name '" + Bounded.text(name)
                    + "' must be 3 to 64 letters, digits or hyphens.", "name");
        }
    }

    private static ArmException notFound(String name) {
        return ArmException.notFound("ResourceNotFound", "The event subscription '" + Bounded.text(name)
                + "' was not found.");
    }

    private static ArmException parentNotFound(String what, String name) {
        return new ArmException(HttpStatus.NOT_FOUND, "ParentResourceNotFound", "The " + what + " '"
                + Bounded.text(name) + "' was not found.");
    }
}

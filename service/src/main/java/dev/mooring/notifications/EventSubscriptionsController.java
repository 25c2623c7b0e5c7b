package dev.mooring.notifications;

import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmContext;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.paging.Paging;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code {scope}/providers/Microsoft.EventGrid/eventSubscriptions[/{name}]} at a subscription, resource group or
 * connected cluster scope, as Event Grid's EventSubscriptions_CreateOrUpdate, _Get, _Delete and _ListByResource
 * (so {@code azure-mgmt-eventgrid}'s calls work), plus {@code listSecret}, the signing secret. Access inherits from
 * the scope (the request path).
 */
@RestController
class EventSubscriptionsController {

    private static final String SUBSCRIPTION = "/subscriptions/{subscriptionId}";
    private static final String GROUP = SUBSCRIPTION + "/resourceGroups/{resourceGroupName}";
    private static final String CLUSTER = GROUP + "/providers/Microsoft.Kubernetes/connectedClusters/{clusterName}";
    private static final String COLLECTION = "/providers/Microsoft.EventGrid/eventSubscriptions";
    private static final String ITEM = COLLECTION + "/{eventSubscriptionName}";

    private final EventSubscriptions subscriptions;

    EventSubscriptionsController(EventSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @PutMapping({SUBSCRIPTION + ITEM, GROUP + ITEM, CLUSTER + ITEM})
    @ArmOperation(resourceType = NotificationsApiVersions.EVENT_SUBSCRIPTIONS, actions = ArmAction.EVENT_SUBSCRIPTIONS_WRITE)
    ResponseEntity<EventSubscriptionView> put(@PathVariable String subscriptionId,
            @PathVariable(required = false) String resourceGroupName, @PathVariable(required = false) String clusterName,
            @PathVariable String eventSubscriptionName, @RequestBody(required = false) JsonNode body, ArmContext context) {
        EventSubscriptions.Located located = subscriptions.put(
                subscriptions.scope(subscriptionId, resourceGroupName, clusterName), eventSubscriptionName, body, context);
        return ResponseEntity.status(located.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(EventSubscriptionView.of(located.subscription()));
    }

    @GetMapping({SUBSCRIPTION + ITEM, GROUP + ITEM, CLUSTER + ITEM})
    @ArmOperation(resourceType = NotificationsApiVersions.EVENT_SUBSCRIPTIONS, actions = ArmAction.EVENT_SUBSCRIPTIONS_READ)
    EventSubscriptionView get(@PathVariable String subscriptionId, @PathVariable(required = false) String resourceGroupName,
            @PathVariable(required = false) String clusterName, @PathVariable String eventSubscriptionName) {
        return EventSubscriptionView.of(subscriptions.get(
                subscriptions.scope(subscriptionId, resourceGroupName, clusterName), eventSubscriptionName));
    }

    @GetMapping({SUBSCRIPTION + COLLECTION, GROUP + COLLECTION, CLUSTER + COLLECTION})
    @ArmOperation(resourceType = NotificationsApiVersions.EVENT_SUBSCRIPTIONS, actions = ArmAction.EVENT_SUBSCRIPTIONS_READ)
    Paging.Page<EventSubscriptionView> list(@PathVariable String subscriptionId,
            @PathVariable(required = false) String resourceGroupName, @PathVariable(required = false) String clusterName,
            ArmContext context) {
        return subscriptions.list(subscriptions.scope(subscriptionId, resourceGroupName, clusterName),
                EventSubscriptionView::of, context);
    }

    @DeleteMapping({SUBSCRIPTION + ITEM, GROUP + ITEM, CLUSTER + ITEM})
    @ArmOperation(resourceType = NotificationsApiVersions.EVENT_SUBSCRIPTIONS, actions = ArmAction.EVENT_SUBSCRIPTIONS_DELETE)
    ResponseEntity<Void> delete(@PathVariable String subscriptionId, @PathVariable(required = false) String resourceGroupName,
            @PathVariable(required = false) String clusterName, @PathVariable String eventSubscriptionName) {
        boolean deleted = subscriptions.delete(subscriptions.scope(subscriptionId, resourceGroupName, clusterName),
                eventSubscriptionName);
        return deleted ? ResponseEntity.ok().build() : ResponseEntity.noContent().build();
    }

    /** The secret that signs this subscription's requests ({@code Mooring-Signature}); never shown anywhere else. */
    record Secret(String signingSecret) {
    }

    @PostMapping({SUBSCRIPTION + ITEM + "/listSecret", GROUP + ITEM + "/listSecret", CLUSTER + ITEM + "/listSecret"})
    @ArmOperation(resourceType = NotificationsApiVersions.EVENT_SUBSCRIPTIONS,
            actions = ArmAction.EVENT_SUBSCRIPTIONS_LIST_SECRET)
    ResponseEntity<Secret> listSecret(@PathVariable String subscriptionId,
            @PathVariable(required = false) String resourceGroupName, @PathVariable(required = false) String clusterName,
            @PathVariable String eventSubscriptionName) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Secret(subscriptions.secret(
                subscriptions.scope(subscriptionId, resourceGroupName, clusterName), eventSubscriptionName)));
    }
}

package dev.mooring.tenancy;

import java.util.List;

/** A subscription as the Subscriptions API returns it. */
record SubscriptionView(
        String id,
        String subscriptionId,
        String tenantId,
        String displayName,
        String state,
        Policies subscriptionPolicies,
        String authorizationSource) {

    static SubscriptionView of(Subscription subscription) {
        String id = subscription.id().toString();
        return new SubscriptionView("/subscriptions/" + id, id, subscription.tenantId().toString(),
                subscription.displayName(), subscription.state().subscriptionsApiState(),
                new Policies("Public_2014-09-01", "Mooring_2024-01-01", "Off"), "RoleBased");
    }

    record Policies(String locationPlacementId, String quotaId, String spendingLimit) {
    }

    record Page(List<SubscriptionView> value, Count count) {
    }

    record Count(String type, long value) {
    }
}

package dev.mooring.notifications;

import dev.mooring.arm.SystemData;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An event subscription as Mooring keeps it (no api-version; the endpoint URL and the signing secret stay sealed in
 * the database and are not part of it).
 *
 * @param scope the resource it is an extension of (a subscription, a resource group or a connected cluster)
 */
record EventSubscription(UUID id, UUID subscriptionId, String scope, String name, String endpointBaseUrl,
        EventSubscriptionSpec.Filter filter, int maxDeliveryAttempts, int eventTimeToLiveInMinutes,
        int maxEventsPerBatch, boolean deadLetter, List<String> labels, String provisioningState,
        SystemData systemData, DeliveryStatus status) {

    static final String TYPE = "Microsoft.EventGrid/eventSubscriptions";
    static final String SUFFIX = "/providers/" + TYPE;

    String resourceId() {
        return scope + SUFFIX + "/" + name;
    }

    /** How delivery has gone (a Mooring addition to Event Grid's shape, read-only). */
    record DeliveryStatus(Instant lastSuccessTime, Instant lastFailureTime, String lastFailureReason,
            long deliveredCount, long failureCount, long deadLetterCount) {
    }
}

package dev.mooring.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.SystemData;
import java.util.List;

/**
 * An event subscription on the wire, in Event Grid's EventSubscription shape (the same in 2022-06-15 and
 * 2025-02-15): the endpoint URL is write-only and shows as {@code endpointBaseUrl}; {@code deliveryStatus} is
 * Mooring's read-only addition.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventSubscriptionView(String id, String name, String type, SystemData systemData, Properties properties) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Properties(String topic, String provisioningState, Destination destination, Filter filter,
            List<String> labels, String eventDeliverySchema, RetryPolicy retryPolicy,
            DeadLetterDestination deadLetterDestination, EventSubscription.DeliveryStatus deliveryStatus) {
    }

    record Destination(String endpointType, WebHook properties) {
    }

    record WebHook(String endpointBaseUrl, int maxEventsPerBatch) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Filter(String subjectBeginsWith, String subjectEndsWith, List<String> includedEventTypes,
            boolean isSubjectCaseSensitive) {
    }

    record RetryPolicy(int maxDeliveryAttempts, int eventTimeToLiveInMinutes) {
    }

    record DeadLetterDestination(String endpointType) {
    }

    static EventSubscriptionView of(EventSubscription s) {
        return new EventSubscriptionView(s.resourceId(), s.name(), EventSubscription.TYPE, s.systemData(),
                new Properties(s.scope(), s.provisioningState(),
                        new Destination(EventSubscriptionSpec.WEBHOOK, new WebHook(s.endpointBaseUrl(), s.maxEventsPerBatch())),
                        new Filter(s.filter().subjectBeginsWith(), s.filter().subjectEndsWith(),
                                s.filter().includedEventTypes(), false),
                        s.labels(), EventSubscriptionSpec.CLOUD_EVENTS,
                        new RetryPolicy(s.maxDeliveryAttempts(), s.eventTimeToLiveInMinutes()),
                        s.deadLetter() ? new DeadLetterDestination(EventSubscriptionSpec.DEAD_LETTER_RETAINED) : null,
                        s.status()));
    }
}

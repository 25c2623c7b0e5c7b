package dev.mooring.tenancy;

import dev.mooring.arm.Guids;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.operations.AsyncOperations;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.CallerIdentity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * ARM's subscription lifecycle notification ({@code PUT /subscriptions/{id}?api-version=2.0}): any
 * transition is valid and the latest wins; repeating a notification changes nothing. Moving to Deleted
 * starts the asynchronous removal of all the subscription's data.
 */
@Service
class SubscriptionLifecycle {

    static final String DATA_DELETION = "Microsoft.Resources/subscriptions/dataDeletion";

    /** The notification body; unknown properties are kept and echoed. */
    record Notification(String state, String registrationDate, Map<String, Object> properties) {
    }

    private final SubscriptionRepository repository;
    private final SubscriptionStep step;
    private final AsyncOperations operations;
    private final Clock clock;

    SubscriptionLifecycle(SubscriptionRepository repository, SubscriptionStep step, AsyncOperations operations,
            Clock clock) {
        this.repository = repository;
        this.step = step;
        this.operations = operations;
        this.clock = clock;
    }

    @Transactional
    Notification apply(String subscriptionId, Notification notification, CallerIdentity caller) {
        UUID id = Guids.parse(subscriptionId);
        if (id == null) {
            throw new ArmException(HttpStatus.BAD_REQUEST, "InvalidSubscriptionId",
                    "The provided subscription identifier '" + Bounded.text(subscriptionId) + "' is malformed or invalid.");
        }
        if (notification == null || notification.state() == null) {
            throw ArmException.badRequest("InvalidRequestContent", "The notification must have a 'state'.", "state");
        }
        SubscriptionState state = parseState(notification.state());
        Instant registrationDate = parseDate(notification.registrationDate());
        Map<String, Object> properties = notification.properties() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(notification.properties());
        UUID tenant = properties.get("tenantId") == null ? null : Guids.parse(properties.get("tenantId").toString());
        Instant now = clock.instant();

        Subscription subscription = repository.findById(id).orElse(null);
        SubscriptionState previous = subscription == null ? null : subscription.state();
        if (subscription == null) {
            if (state == SubscriptionState.Unregistered) {
                return notification;
            }
            if (tenant == null) {
                throw ArmException.badRequest("InvalidRequestContent",
                        "A new subscription needs 'properties.tenantId' (a GUID).", "properties.tenantId");
            }
            subscription = new Subscription(id, tenant, "Subscription " + id, state, now);
        } else if (tenant != null && !tenant.equals(subscription.tenantId())) {
            throw new ArmException(HttpStatus.CONFLICT, "SubscriptionTenantMismatch",
                    "The subscription belongs to another tenant; a subscription's tenant cannot change.");
        }
        properties.put("tenantId", subscription.tenantId().toString());
        subscription.apply(state, registrationDate, properties, now);
        repository.save(subscription);
        step.forget(id);
        if (state == SubscriptionState.Deleted && previous != SubscriptionState.Deleted) {
            operations.start(new AsyncOperations.Start(DATA_DELETION, "/subscriptions/" + id, id, "Microsoft.Resources",
                    "global", "2.0", subscription.tenantId(), caller.objectId(), java.time.Duration.ZERO));
        }
        return new Notification(state.name(), notification.registrationDate(), properties);
    }

    private static SubscriptionState parseState(String value) {
        for (SubscriptionState state : SubscriptionState.values()) {
            if (state.name().equalsIgnoreCase(value.strip())) {
                return state;
            }
        }
        throw ArmException.badRequest("InvalidSubscriptionState", "The state '" + Bounded.text(value)
                + "' is not one of Registered, Warned, Suspended, Deleted, Unregistered.", "state");
    }

    private static Instant parseDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException rfc1123) {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException iso) {
                throw ArmException.badRequest("InvalidRequestContent",
                        "'registrationDate' must be an RFC 1123 or ISO 8601 date.", "registrationDate");
            }
        }
    }
}

package dev.mooring.notifications;

import dev.mooring.arm.JsonFields;
import dev.mooring.arm.errors.ArmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * What a PUT asks for, read and validated from Event Grid's EventSubscription shape: a WebHook destination
 * ({@code endpointUrl}, {@code maxEventsPerBatch}), a filter ({@code includedEventTypes}, {@code subjectBeginsWith},
 * {@code subjectEndsWith}), a retry policy, dead-lettering on or off, labels. Only CloudEvents 1.0 is delivered.
 */
record EventSubscriptionSpec(String endpointUrl, Filter filter, int maxDeliveryAttempts, int eventTimeToLiveInMinutes,
        int maxEventsPerBatch, boolean deadLetter, List<String> labels) {

    static final String CLOUD_EVENTS = "CloudEventSchemaV1_0";
    static final String WEBHOOK = "WebHook";
    /** Dead letters are kept in Mooring (Event Grid's StorageBlob destination has no counterpart here). */
    static final String DEAD_LETTER_RETAINED = "Mooring";

    /** {@code includedEventTypes} null means every type. */
    record Filter(List<String> includedEventTypes, String subjectBeginsWith, String subjectEndsWith) {
    }

    static EventSubscriptionSpec read(JsonNode body) {
        JsonFields.requireObject(body, "body");
        JsonNode properties = JsonFields.object(body, "properties", "properties");
        if (properties == null) {
            throw ArmException.badRequest("InvalidRequestContent", "The property 'properties' is required.", "properties");
        }
        String schema = JsonFields.string(properties, "eventDeliverySchema", "properties.eventDeliverySchema");
        JsonFields.oneOf(schema, List.of(CLOUD_EVENTS), "properties.eventDeliverySchema");
        JsonNode destination = JsonFields.object(properties, "destination", "properties.destination");
        if (destination == null) {
            throw ArmException.badRequest("InvalidRequestContent", "The property 'properties.destination' is required.",
                    "properties.destination");
        }
        String endpointType = JsonFields.string(destination, "endpointType", "properties.destination.endpointType");
        if (endpointType == null) {
            throw ArmException.badRequest("InvalidRequestContent",
                    "The property 'properties.destination.endpointType' (WebHook) is required.",
                    "properties.destination.endpointType");
        }
        JsonFields.oneOf(endpointType, List.of(WEBHOOK), "properties.destination.endpointType");
        JsonNode webhook = JsonFields.object(destination, "properties", "properties.destination.properties");
        String endpointUrl = webhook == null ? null
                : JsonFields.string(webhook, "endpointUrl", "properties.destination.properties.endpointUrl");
        if (endpointUrl == null || endpointUrl.isBlank() || endpointUrl.length() > 2048) {
            throw ArmException.badRequest("InvalidRequestContent", "The property"
                    + " 'properties.destination.properties.endpointUrl' is required (an absolute URL of at most 2048"
                    + " characters).", "properties.destination.properties.endpointUrl");
        }
        int batch = integer(webhook, "maxEventsPerBatch", "properties.destination.properties.maxEventsPerBatch", 1, 5000, 1);
        JsonNode retry = JsonFields.object(properties, "retryPolicy", "properties.retryPolicy");
        int attempts = integer(retry, "maxDeliveryAttempts", "properties.retryPolicy.maxDeliveryAttempts", 1, 30, 30);
        int ttl = integer(retry, "eventTimeToLiveInMinutes", "properties.retryPolicy.eventTimeToLiveInMinutes", 1, 1440,
                1440);
        JsonNode deadLetter = JsonFields.object(properties, "deadLetterDestination", "properties.deadLetterDestination");
        if (deadLetter != null) {
            JsonFields.oneOf(JsonFields.string(deadLetter, "endpointType", "properties.deadLetterDestination.endpointType"),
                    List.of(DEAD_LETTER_RETAINED), "properties.deadLetterDestination.endpointType");
        }
        List<String> labels = JsonFields.strings(properties, "labels", "properties.labels");
        if (labels != null && (labels.size() > 50 || labels.stream().anyMatch(l -> l.length() > 256))) {
            throw ArmException.badRequest("InvalidParameter", "At most 50 labels of at most 256 characters each.",
                    "properties.labels");
        }
        return new EventSubscriptionSpec(endpointUrl.strip(), filter(JsonFields.object(properties, "filter",
                "properties.filter")), attempts, ttl, batch, deadLetter != null, labels == null ? List.of() : labels);
    }

    private static Filter filter(JsonNode filter) {
        List<String> types = JsonFields.strings(filter, "includedEventTypes", "properties.filter.includedEventTypes");
        List<String> canonical = null;
        if (types != null) {
            canonical = new ArrayList<>();
            for (String type : types) {
                canonical.add(JsonFields.oneOf(type, EventTypes.ALL, "properties.filter.includedEventTypes"));
            }
        }
        Boolean caseSensitive = JsonFields.bool(filter, "isSubjectCaseSensitive", "properties.filter.isSubjectCaseSensitive");
        if (Boolean.TRUE.equals(caseSensitive)) {
            throw ArmException.badRequest("InvalidParameter", "Subjects are resource ids, which compare"
                    + " case-insensitively: 'isSubjectCaseSensitive' must be false.", "properties.filter.isSubjectCaseSensitive");
        }
        return new Filter(canonical == null || canonical.isEmpty() ? null : List.copyOf(canonical),
                subject(filter, "subjectBeginsWith"), subject(filter, "subjectEndsWith"));
    }

    private static String subject(JsonNode filter, String field) {
        String value = JsonFields.string(filter, field, "properties.filter." + field);
        if (value != null && value.length() > 1024) {
            throw ArmException.badRequest("InvalidParameter", "'" + field + "' is at most 1024 characters.",
                    "properties.filter." + field);
        }
        return value == null ? "" : value;
    }

    private static int integer(JsonNode parent, String field, String target, int min, int max, int fallback) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw ArmException.badRequest("InvalidParameter", "The property '" + target + "' must be a whole number"
                    + " from " + min + " to " + max + ".", target);
        }
        return value.intValue();
    }

    /** For matching: subjects and filters compare case-insensitively. */
    static String key(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}

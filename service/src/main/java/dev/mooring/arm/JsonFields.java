package dev.mooring.arm;

import dev.mooring.arm.errors.ArmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads fields of a JSON request body with ARM errors for wrong shapes (400 {@code InvalidRequestContent}
 * naming the property). Versioned API models read their bodies with it, so that each version picks exactly
 * the fields it defines and ignores the rest (read-only and unknown properties alike).
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static JsonNode requireObject(JsonNode node, String target) {
        if (node == null || !node.isObject()) {
            throw wrongType(target, "an object");
        }
        return node;
    }

    /** The object at {@code field}, or null when absent or null. */
    public static JsonNode object(JsonNode parent, String field, String target) {
        JsonNode value = present(parent, field);
        if (value != null && !value.isObject()) {
            throw wrongType(target, "an object");
        }
        return value;
    }

    /** The string at {@code field}, or null when absent or null. */
    public static String string(JsonNode parent, String field, String target) {
        JsonNode value = present(parent, field);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw wrongType(target, "a string");
        }
        return value.stringValue();
    }

    public static Boolean bool(JsonNode parent, String field, String target) {
        JsonNode value = present(parent, field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(target, "true or false");
        }
        return value.booleanValue();
    }

    public static List<String> strings(JsonNode parent, String field, String target) {
        JsonNode value = present(parent, field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(target, "an array of strings");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode item : value.values()) {
            if (!item.isString()) {
                throw wrongType(target, "an array of strings");
            }
            list.add(item.stringValue());
        }
        return list;
    }

    /** A string-to-string map (such as tags), or null when absent or null. */
    public static Map<String, String> stringMap(JsonNode parent, String field, String target) {
        JsonNode value = object(parent, field, target);
        if (value == null) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isString() && !entry.getValue().isNull()) {
                throw wrongType(target + "." + entry.getKey(), "a string");
            }
            map.put(entry.getKey(), entry.getValue().isNull() ? "" : entry.getValue().stringValue());
        }
        return map;
    }

    /**
     * JSON merge-patch reading of a string: empty when the field is absent (leave it), an empty inner value
     * when it is null (clear it), the string otherwise.
     */
    public static Optional<Optional<String>> patchString(JsonNode parent, String field, String target) {
        if (parent == null || !parent.has(field)) {
            return Optional.empty();
        }
        JsonNode value = parent.get(field);
        if (value.isNull()) {
            return Optional.of(Optional.empty());
        }
        if (!value.isString()) {
            throw wrongType(target, "a string");
        }
        return Optional.of(Optional.of(value.stringValue()));
    }

    /** {@code value} in the casing of the allowed value it matches case-insensitively; null stays null. */
    public static String oneOf(String value, List<String> allowed, String target) {
        if (value == null) {
            return null;
        }
        return allowed.stream().filter(candidate -> candidate.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> ArmException.badRequest("InvalidParameter", "The value '" + Bounded.text(value)
                        + "' of '" + target + "' is not one of " + String.join(", ", allowed) + ".", target));
    }

    private static JsonNode present(JsonNode parent, String field) {
        if (parent == null) {
            return null;
        }
        JsonNode value = parent.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    private static ArmException wrongType(String target, String expected) {
        return ArmException.badRequest("InvalidRequestContent",
                "The property '" + target + "' must be " + expected + ".", target);
    }

    /** Whether {@code value} is base64 (MIME line breaks allowed), as protected settings and certificates come. */
    public static boolean isBase64(String value) {
        try {
            java.util.Base64.getMimeDecoder().decode(value);
            return value.strip().matches("[A-Za-z0-9+/=\\s]+");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Builds a map from non-null entries, for optional nested objects stored as JSON. */
    public static Map<String, Object> compact(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}

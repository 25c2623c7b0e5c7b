package dev.mooring.clusters;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.JsonFields;
import dev.mooring.arm.Tags;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The parts of a connected cluster PUT body every api-version defines alike. */
final class PutBodies {

    private PutBodies() {
    }

    record Common(String location, Map<String, String> tags, String identityType, String agentPublicKey,
            String distribution, String infrastructure, String provisioningState, JsonNode properties) {
    }

    static Common read(JsonNode body) {
        JsonFields.requireObject(body, "body");
        String location = JsonFields.string(body, "location", "location");
        if (location == null || location.isBlank()) {
            throw ArmException.badRequest("LocationRequired", "The location property is required for this definition.",
                    "location");
        }
        Map<String, String> tags = Tags.validate(JsonFields.stringMap(body, "tags", "tags"));
        JsonNode identity = JsonFields.object(body, "identity", "identity");
        if (identity == null) {
            throw ArmException.badRequest("InvalidParameter", "The property 'identity' is required.", "identity");
        }
        String identityType = JsonFields.oneOf(JsonFields.string(identity, "type", "identity.type"),
                List.of(ClusterSpec.NONE, ClusterSpec.SYSTEM_ASSIGNED), "identity.type");
        JsonNode properties = JsonFields.object(body, "properties", "properties");
        if (properties == null) {
            throw ArmException.badRequest("InvalidParameter", "The property 'properties' is required.", "properties");
        }
        return new Common(location, tags,
                identityType == null ? ClusterSpec.SYSTEM_ASSIGNED : identityType,
                JsonFields.string(properties, "agentPublicKeyCertificate", "properties.agentPublicKeyCertificate"),
                JsonFields.string(properties, "distribution", "properties.distribution"),
                JsonFields.string(properties, "infrastructure", "properties.infrastructure"),
                JsonFields.string(properties, "provisioningState", "properties.provisioningState"),
                properties);
    }

    /** PATCH tags: the whole new set, or null when the body has none. */
    static Map<String, String> patchTags(JsonNode body) {
        JsonFields.requireObject(body, "body");
        Map<String, String> tags = JsonFields.stringMap(body, "tags", "tags");
        return tags == null ? null : Tags.validate(tags);
    }
}

package dev.mooring.extensions;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.SystemData;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** 2025-03-01: adds {@code autoUpgradeMode} (none, patch, compatible; compatible by default). */
final class Extensions2025Model implements ExtensionWireModel {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(String id, String name, String type, Identity identity, SystemData systemData, Properties properties) {
    }

    @Override
    public List<String> apiVersions() {
        return List.of("2025-03-01");
    }

    @Override
    public Object view(ClusterExtension e, String resourceId) {
        return new View(resourceId, e.name(), ClusterExtension.TYPE, Identity.of(e), e.systemData(),
                Properties.of(e, true));
    }

    @Override
    public ExtensionSpec readPut(JsonNode body, String name) {
        return ExtensionRequests.readPut(body, name, true);
    }

    @Override
    public ExtensionSpec readPatch(JsonNode body, ExtensionSpec stored) {
        return ExtensionRequests.readPatch(body, stored, true);
    }
}

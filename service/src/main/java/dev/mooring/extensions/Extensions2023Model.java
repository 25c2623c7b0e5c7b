package dev.mooring.extensions;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.SystemData;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** 2023-05-01: the extension without {@code autoUpgradeMode}. */
final class Extensions2023Model implements ExtensionWireModel {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(String id, String name, String type, Identity identity, SystemData systemData, Properties properties) {
    }

    @Override
    public List<String> apiVersions() {
        return List.of("2023-05-01");
    }

    @Override
    public Object view(ClusterExtension e, String resourceId) {
        return new View(resourceId, e.name(), ClusterExtension.TYPE, Identity.of(e), e.systemData(),
                Properties.of(e, false));
    }

    @Override
    public ExtensionSpec readPut(JsonNode body, String name) {
        return ExtensionRequests.readPut(body, name, false);
    }

    @Override
    public ExtensionSpec readPatch(JsonNode body, ExtensionSpec stored) {
        return ExtensionRequests.readPatch(body, stored, false);
    }
}

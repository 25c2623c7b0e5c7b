package dev.mooring.fluxconfigurations;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** 2025-04-01: adds OCI repositories, the Git {@code provider} and the reconciliation wait. */
final class Flux2025Model implements FluxWireModel {

    @Override
    public List<String> apiVersions() {
        return List.of("2025-04-01");
    }

    @Override
    public View view(FluxConfiguration c, String resourceId) {
        return new View(resourceId, c.name(), FluxConfiguration.TYPE, c.systemData(), Properties.of(c, c.spec()));
    }

    @Override
    public FluxRequest readPut(JsonNode body, boolean updating) {
        return FluxRequests.read(body, true, updating);
    }
}

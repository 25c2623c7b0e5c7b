package dev.mooring.configurations;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.SystemData;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** 2021-03-01 and 2023-05-01: the same resource, with {@code systemData}; {@code enableHelmOperator} is a boolean. */
final class Flux2021Model implements ConfigurationWireModel {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(String id, String name, String type, SystemData systemData, Properties properties) {
    }

    @Override
    public List<String> apiVersions() {
        return List.of("2021-03-01", "2023-05-01");
    }

    @Override
    public Object view(SourceControlConfiguration c, String resourceId) {
        return new View(resourceId, c.name(), SourceControlConfiguration.TYPE, c.systemData(),
                Properties.of(c, null, null));
    }

    @Override
    public ConfigurationSpec readPut(JsonNode body, String name) {
        return ConfigurationRequests.read(body, name, false);
    }
}

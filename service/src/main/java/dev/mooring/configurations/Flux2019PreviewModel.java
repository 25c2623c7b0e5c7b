package dev.mooring.configurations;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * 2019-11-01-preview: no {@code systemData} but {@code creationTime}/{@code lastModifiedTime}, and
 * {@code enableHelmOperator} may come as the string "true"/"false".
 */
final class Flux2019PreviewModel implements ConfigurationWireModel {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(String id, String name, String type, Properties properties) {
    }

    @Override
    public List<String> apiVersions() {
        return List.of("2019-11-01-preview");
    }

    @Override
    public Object view(SourceControlConfiguration c, String resourceId) {
        return new View(resourceId, c.name(), SourceControlConfiguration.TYPE, Properties.of(c,
                c.systemData().createdAt().toString(), c.systemData().lastModifiedAt().toString()));
    }

    @Override
    public ConfigurationSpec readPut(JsonNode body, String name) {
        return ConfigurationRequests.read(body, name, true);
    }
}

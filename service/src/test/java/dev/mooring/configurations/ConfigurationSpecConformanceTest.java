package dev.mooring.configurations;

import static dev.mooring.testing.AzureSpecs.assertConforms;
import static dev.mooring.testing.AzureSpecs.kubernetesConfiguration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.testing.AzureSpecs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The official example requests of the three versions, and response conformance to each version's spec.
 * The examples name their configuration "SRS_GitHubConfig" and their operator namespace "SRS_Namespace",
 * and carry a protected setting Mooring does not know; the rules (as the az CLI's) refuse those, which is
 * checked, and the examples are then sent with lower-case names and an sshPrivateKey in their place.
 * 2019-11-01-preview declares enableHelmOperator as a boolean whose enum holds the strings "true" and
 * "false", which no value satisfies; that one property is left out of the 2019 check (an upstream defect).
 */
class ConfigurationSpecConformanceTest extends ConfigurationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {V2019, V2021, V2023})
    void officialExamplesAreAcceptedOnceCorrectedAndResponsesConform(String version) {
        AzureSpecs.assumePresent();
        String spec = kubernetesConfiguration(version);
        Tenant t = readyTenant("c1");
        var example = AzureSpecs.example(spec, "CreateSourceControlConfiguration.json").get("parameters");
        ObjectNode body = (ObjectNode) example.get("sourceControlConfiguration").deepCopy();
        String exampleName = example.get("sourceControlConfigurationName").stringValue();
        as(t.owner()).contentType("application/json").body(body.toString())
                .put(configuration(t, "c1", exampleName, version)).then().statusCode(400)
                .body("error.code", equalTo("InvalidConfigurationName"));

        ObjectNode properties = (ObjectNode) body.get("properties");
        properties.put("operatorNamespace", properties.get("operatorNamespace").stringValue().toLowerCase().replace('_', '-'));
        properties.put("operatorInstanceName", properties.get("operatorInstanceName").stringValue().toLowerCase());
        if (properties.has("configurationProtectedSettings")) {
            properties.putObject("configurationProtectedSettings").put("sshPrivateKey", b64("example private key"));
        }
        String name = exampleName.toLowerCase().replace('_', '-');
        String created = as(t.owner()).contentType("application/json").body(body.toString())
                .put(configuration(t, "c1", name, version)).then().statusCode(201).extract().asString();
        check(spec, version, "SourceControlConfiguration", created);
        check(spec, version, "SourceControlConfiguration", as(t.owner()).contentType("application/json")
                .body(body.toString()).put(configuration(t, "c1", name, version)).then().statusCode(200).extract().asString());
        check(spec, version, "SourceControlConfiguration", as(t.owner()).get(configuration(t, "c1", name, version))
                .then().statusCode(200).extract().asString());
        check(spec, version, "SourceControlConfigurationList", as(t.owner()).get(clusterPath(t, "c1")
                + "/providers/Microsoft.KubernetesConfiguration/sourceControlConfigurations?api-version=" + version)
                .then().statusCode(200).extract().asString());
        if (!version.equals(V2023)) {
            assertConforms(spec, "ResourceProviderOperationList", as(t.owner())
                    .get("/providers/Microsoft.KubernetesConfiguration/operations?api-version=" + version)
                    .then().statusCode(200).extract().asString());
        }
        // The spec declares 200 and 204 (never 202); this cluster's agent never connected, so the delete is at once.
        var deleteStatuses = AzureSpecs.declaredStatuses(spec, "/sourceControlConfigurations/{sourceControlConfigurationName}",
                "delete");
        assertThat(deleteStatuses).containsExactly(200, 204);
        assertThat(as(t.owner()).delete(configuration(t, "c1", name, version)).statusCode()).isEqualTo(200);
        assertThat(as(t.owner()).delete(configuration(t, "c1", name, version)).statusCode()).isEqualTo(204);
        if (version.equals(V2023)) {
            assertConforms(AzureSpecs.KUBERNETES_CONFIGURATION_COMMON, "OperationStatusList", as(t.owner())
                    .get(clusterPath(t, "c1") + "/providers/Microsoft.KubernetesConfiguration/operations?api-version=" + V2023)
                    .then().statusCode(200).extract().asString());
        }
    }

    private static void check(String spec, String version, String definition, String json) {
        if (version.equals(V2019)) {
            var tree = JSON.readTree(json);
            var items = tree.has("value") ? tree.get("value").values() : java.util.List.of(tree);
            for (var item : items) {
                ((ObjectNode) item.get("properties")).remove("enableHelmOperator");
            }
            json = tree.toString();
        }
        assertConforms(spec, definition, json);
    }
}

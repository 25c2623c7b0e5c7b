package dev.mooring.fluxconfigurations;

import static dev.mooring.testing.AzureSpecs.assertConforms;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.testing.AzureSpecs;
import io.restassured.response.Response;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every official fluxConfigurations example of both versions sent, and every response validated against that
 * version's spec. The Bucket examples give an {@code accessKey} without its secret; the rules (as the az CLI's)
 * refuse that, which is checked, and the example is then sent with the {@code bucketSecretKey} protected setting.
 */
class FluxSpecConformanceTest extends FluxTest {

    private static final String ROOT = "kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration/";

    static String spec(String version) {
        return ROOT + (version.equals(V2023) ? "stable/2023-05-01" : "fluxConfigurations/stable/2025-04-01")
                + "/fluxconfiguration.json";
    }

    @ParameterizedTest
    @ValueSource(strings = {V2023, V2025})
    void officialExamplesAreAcceptedOnceCorrectedAndResponsesConform(String version) {
        AzureSpecs.assumePresent();
        String spec = spec(version);
        // 2023-05-01 takes its OperationStatusResult from the provider's common definitions.
        String statusSpec = version.equals(V2023) ? AzureSpecs.KUBERNETES_CONFIGURATION_COMMON : spec;
        Tenant t = readyTenant("c1");
        List<String> creates = AzureSpecs.examples(spec).stream()
                .filter(name -> name.startsWith("CreateFluxConfiguration")).toList();
        org.assertj.core.api.Assertions.assertThat(creates).hasSizeGreaterThanOrEqualTo(2);
        int n = 0;
        for (String example : creates) {
            JsonNode parameters = AzureSpecs.example(spec, example).get("parameters");
            ObjectNode body = (ObjectNode) parameters.get("fluxConfiguration").deepCopy();
            String name = parameters.get("fluxConfigurationName").stringValue() + "-" + n++;
            if (body.get("properties").has("bucket") && body.get("properties").get("bucket").has("accessKey")) {
                as(t.owner()).contentType("application/json").body(body.toString()).put(flux(t, "c1", name, version))
                        .then().statusCode(400)
                        .body("error.target", equalTo("properties.configurationProtectedSettings.bucketSecretKey"));
                ((ObjectNode) body.get("properties")).putObject("configurationProtectedSettings")
                        .put("bucketSecretKey", b64("example secret key"));
            }
            Response created = as(t.owner()).contentType("application/json").body(body.toString())
                    .put(flux(t, "c1", name, version));
            created.then().statusCode(201);
            assertConforms(spec, "FluxConfiguration", created.asString());
            awaitProvisioned(t.owner(), flux(t, "c1", name, version));
            assertConforms(spec, "FluxConfiguration", as(t.owner()).contentType("application/json")
                    .body(body.toString()).put(flux(t, "c1", name, version)).then().statusCode(200).extract().asString());
            assertConforms(spec, "FluxConfiguration", as(t.owner()).get(flux(t, "c1", name, version))
                    .then().statusCode(200).extract().asString());
            URI status = URI.create(created.header("Azure-AsyncOperation"));
            String id = status.getPath().substring(status.getPath().lastIndexOf('/') + 1);
            assertConforms(statusSpec, "OperationStatusResult", as(t.owner()).get(clusterPath(t, "c1")
                    + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/" + name + "/operations/" + id
                    + "?api-version=" + version).then().statusCode(200).extract().asString());
        }
        String patched = creates.stream().filter(e -> e.equals("CreateFluxConfiguration.json")).findFirst()
                .map(e -> AzureSpecs.example(spec, e).get("parameters").get("fluxConfigurationName").stringValue() + "-0")
                .orElseThrow();
        JsonNode patch = AzureSpecs.example(spec, "PatchFluxConfiguration.json").get("parameters")
                .get("fluxConfigurationPatch");
        as(t.owner()).contentType("application/json").body(patch.toString()).patch(flux(t, "c1", patched, version))
                .then().statusCode(202);
        awaitProvisioned(t.owner(), flux(t, "c1", patched, version));
        assertConforms(spec, "FluxConfiguration", as(t.owner()).get(flux(t, "c1", patched, version))
                .then().statusCode(200).body("properties.suspend", equalTo(true)).extract().asString());
        assertConforms(spec, "FluxConfigurationsList", as(t.owner()).get(collection(t, "c1", version))
                .then().statusCode(200).extract().asString());
        as(t.owner()).delete(flux(t, "c1", patched, version)).then().statusCode(200);
        as(t.owner()).delete(flux(t, "c1", patched, version)).then().statusCode(204);
    }
}

package dev.mooring.extensions;

import static dev.mooring.testing.AzureSpecs.assertConforms;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.mooring.testing.AzureSpecs;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every official example of both extension versions, sent, and every response checked against the version's
 * spec. The examples install {@code azuremonitor-containers} and {@code azure-vote}, which the shipped catalogue
 * does not offer, and one carries a Marketplace {@code plan}; those are asserted refused, then sent with the
 * catalogue's {@code jetstack.cert-manager} (and without the plan).
 */
class ExtensionSpecConformanceTest extends ExtensionTest {

    private static final String COMMON =
            "kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration/common/2022-03-01/definitions.json";

    static String spec(String version) {
        return "kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration/"
                + (version.equals(V2023) ? "stable/2023-05-01" : "extensions/stable/2025-03-01") + "/extensions.json";
    }

    @ParameterizedTest
    @ValueSource(strings = {V2023, V2025})
    void officialExamplesAreAcceptedOnceCorrectedAndResponsesConform(String version) {
        AzureSpecs.assumePresent();
        String spec = spec(version);
        Tenant t = readyTenant("c1");
        List<String> examples = AzureSpecs.examples(spec).stream().filter(e -> e.contains("Extension")).toList();
        // Creates first (the reads need their extensions), the delete last.
        for (String example : examples.stream().filter(e -> e.startsWith("Create")).toList()) {
            create(t, spec, version, example);
        }
        String operation = null;
        for (String example : examples.stream().filter(e -> !e.startsWith("Create") && !e.startsWith("Delete")).toList()) {
            JsonNode parameters = AzureSpecs.example(spec, example).get("parameters");
            String name = parameters.has("extensionName") ? parameters.get("extensionName").stringValue() : null;
            if (example.startsWith("Patch")) {
                Response patched = as(t.owner()).contentType("application/json")
                        .body(parameters.get("patchExtension").toString()).patch(extension(t, "c1", name, version));
                patched.then().statusCode(202).body("properties.provisioningState", equalTo("Updating"));
                assertConforms(spec, "Extension", patched.asString());
                operation = patched.header("Azure-AsyncOperation");
            } else if (example.startsWith("List")) {
                assertConforms(spec, "ExtensionsList", as(t.owner()).get(extensions(t, "c1", version)).then()
                        .statusCode(200).extract().asString());
            } else if (example.contains("AsyncOperationStatus")) {
                continue;
            } else {
                assertConforms(spec, "Extension", as(t.owner()).get(extension(t, "c1", name, version)).then()
                        .statusCode(200).extract().asString());
            }
        }
        if (examples.stream().anyMatch(e -> e.contains("AsyncOperationStatus"))) {
            assertConforms(COMMON, "OperationStatusResult", as(t.owner()).get(operation).then().statusCode(200)
                    .body("id", startsWith(clusterPath(t, "c1"))).extract().asString());
        }
        for (String example : examples.stream().filter(e -> e.startsWith("Delete")).toList()) {
            String name = AzureSpecs.example(spec, example).get("parameters").get("extensionName").stringValue();
            // No agent is connected: the extension goes at once.
            as(t.owner()).delete(extension(t, "c1", name, version)).then().statusCode(200);
            as(t.owner()).get(extension(t, "c1", name, version)).then().statusCode(404);
        }
    }

    private void create(Tenant t, String spec, String version, String example) {
        JsonNode parameters = AzureSpecs.example(spec, example).get("parameters");
        String name = parameters.get("extensionName").stringValue();
        ObjectNode body = (ObjectNode) parameters.get("extension").deepCopy();
        if (body.has("plan")) {
            as(t.owner()).contentType("application/json").body(body.toString()).put(extension(t, "c1", name, version))
                    .then().statusCode(400).body("error.target", equalTo("plan"));
            body.remove("plan");
        }
        as(t.owner()).contentType("application/json").body(body.toString()).put(extension(t, "c1", name, version))
                .then().statusCode(400).body("error.code", equalTo("InvalidExtensionType"));
        ((ObjectNode) body.get("properties")).put("extensionType", CERT_MANAGER);
        Response created = as(t.owner()).contentType("application/json").body(body.toString())
                .put(extension(t, "c1", name, version));
        created.then().statusCode(201).body("properties.provisioningState", equalTo("Creating"));
        assertConforms(spec, "Extension", created.asString());
        Response replaced = as(t.owner()).contentType("application/json").body(body.toString())
                .put(extension(t, "c1", name, version));
        replaced.then().statusCode(200);
        assertConforms(spec, "Extension", replaced.asString());
    }
}

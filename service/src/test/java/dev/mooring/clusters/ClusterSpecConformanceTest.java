package dev.mooring.clusters;

import static dev.mooring.testing.AzureSpecs.assertConforms;
import static dev.mooring.testing.AzureSpecs.connectedClusters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.testing.AzureSpecs;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every official example request of the three connectedClusters api-versions is accepted, and every
 * response validates against the official spec of its version. The examples' onboarding key is a 1024-bit
 * X.509 certificate, which Mooring's rules refuse (RSA of at least 2048 bits, PKCS#1 or SubjectPublicKeyInfo):
 * that refusal is checked, and the examples are then sent with a valid key in its place.
 */
class ClusterSpecConformanceTest extends ClusterTest {

    @ParameterizedTest
    @ValueSource(strings = {V2021_03, V2021_10, V2024})
    void officialExamplesAreAcceptedAndResponsesConform(String version) {
        AzureSpecs.assumePresent();
        String spec = connectedClusters(version);
        Tenant t = readyTenant();
        List<String> examples = AzureSpecs.examples(spec);
        assertThat(examples).isNotEmpty();
        int created = 0;
        for (String example : examples.stream().filter(e -> e.startsWith("CreateCluster")).toList()) {
            ObjectNode body = (ObjectNode) AzureSpecs.example(spec, example).get("parameters").get("ConnectedCluster").deepCopy();
            ObjectNode properties = (ObjectNode) body.get("properties");
            String originalKey = properties.get("agentPublicKeyCertificate").stringValue();
            String name = "example-" + (created++);
            if (!originalKey.isEmpty()) {
                as(t.owner()).contentType("application/json").body(body.toString()).put(cluster(t, name, version))
                        .then().statusCode(400).body("error.target", equalTo("properties.agentPublicKeyCertificate"));
                properties.put("agentPublicKeyCertificate", OnboardingKeys.any());
            }
            String createdBody = as(t.owner()).contentType("application/json").body(body.toString())
                    .put(cluster(t, name, version)).then().statusCode(201).extract().asString();
            assertConforms(spec, "ConnectedCluster", createdBody);
            assertConforms(spec, "ConnectedCluster", as(t.owner()).get(cluster(t, name, version)).then().statusCode(200)
                    .extract().asString());
        }
        waitForCreations(t, version, created);
        String replaced = as(t.owner()).contentType("application/json")
                .body(connectBody("East US", OnboardingKeys.any())).put(cluster(t, "example-0", version)).then()
                .statusCode(200).extract().asString();
        assertConforms(spec, "ConnectedCluster", replaced);

        JsonNode patch = AzureSpecs.example(spec, "UpdateClusterExample.json").get("parameters").get("ConnectedClusterPatch");
        assertConforms(spec, "ConnectedCluster", as(t.owner()).contentType("application/json").body(patch.toString())
                .patch(cluster(t, "example-0", version)).then().statusCode(200).extract().asString());

        for (String example : examples.stream().filter(e -> e.contains("ListClusterCredential")).toList()) {
            JsonNode properties = AzureSpecs.example(spec, example).get("parameters").get("Properties");
            assertConforms(spec, "CredentialResults", as(t.owner()).contentType("application/json")
                    .body(properties.toString())
                    .post(t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/"
                            + "example-0/listClusterUserCredential?api-version=" + version)
                    .then().statusCode(200).extract().asString());
        }
        assertListsConform(t, spec, version);
        as(t.owner()).delete(cluster(t, "example-0", version)).then().statusCode(202);
        as(t.owner()).delete(cluster(t, "never-existed", version)).then().statusCode(204);
    }

    @org.junit.jupiter.api.Test
    void theSchemaCheckRejectsWrongShapesIncludingInheritedRequirements() {
        AzureSpecs.assumePresent();
        String spec = connectedClusters(V2024);
        String valid = "{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},"
                + "\"properties\":{\"agentPublicKeyCertificate\":\"\"}}";
        assertConforms(spec, "ConnectedCluster", valid);
        // location comes from common-types' TrackedResource, two files away.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertConforms(spec, "ConnectedCluster",
                valid.replace("\"location\":\"eastus\",", ""))).isInstanceOf(AssertionError.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertConforms(spec, "ConnectedCluster",
                valid.replace("SystemAssigned", "Both"))).isInstanceOf(AssertionError.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertConforms(spec, "ConnectedCluster",
                valid.replace("\"properties\":{\"agentPublicKeyCertificate\":\"\"}", "\"properties\":{\"totalNodeCount\":\"two\"}")))
                .isInstanceOf(AssertionError.class);
    }

    private void waitForCreations(Tenant t, String version, int count) {
        for (int i = 0; i < count; i++) {
            awaitProvisioned(t.owner(), cluster(t, "example-" + i, version));
        }
    }
}

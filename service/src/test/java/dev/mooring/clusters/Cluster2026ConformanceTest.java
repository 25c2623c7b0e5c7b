package dev.mooring.clusters;

import static dev.mooring.testing.AzureSpecs.assertConforms;
import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.mooring.testing.AzureSpecs;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every official example of connectedClusters 2026-05-01 (those of the stable folder and the TypeSpec example
 * sources beside it) is sent, and every response validates against the 2026-05-01 spec, the long-running PATCH
 * included (202 with Location and Retry-After; the Location URL finally answers the cluster).
 */
class Cluster2026ConformanceTest extends ClusterTest {

    static final String V2026 = "2026-05-01";
    static final String SPEC = AzureSpecs.connectedClusters(V2026);
    /** The TypeSpec example sources, relative to the stable folder's examples. */
    private static final String TYPESPEC_EXAMPLES = "../../../examples/" + V2026 + "/";

    private static List<String> allExamples() {
        List<String> stable = AzureSpecs.examples(SPEC);
        List<String> typeSpec = AzureSpecs.examples(SPEC, TYPESPEC_EXAMPLES).stream()
                .filter(name -> !stable.contains(name)).map(name -> TYPESPEC_EXAMPLES + name).toList();
        return java.util.stream.Stream.concat(stable.stream(), typeSpec.stream()).toList();
    }

    private static String fileName(String example) {
        return example.substring(example.lastIndexOf('/') + 1);
    }

    @Test
    void officialExamplesAreAcceptedAndResponsesConform() {
        AzureSpecs.assumePresent();
        Tenant t = readyTenant();
        List<String> examples = allExamples();
        assertThat(examples).anyMatch(e -> fileName(e).startsWith("CreateCluster"));
        int created = 0;
        for (String example : examples.stream().filter(e -> fileName(e).startsWith("CreateCluster")).toList()) {
            ObjectNode body = (ObjectNode) AzureSpecs.example(SPEC, example).get("parameters").get("ConnectedCluster")
                    .deepCopy();
            ObjectNode properties = (ObjectNode) body.get("properties");
            if (!properties.get("agentPublicKeyCertificate").stringValue().isEmpty()) {
                properties.put("agentPublicKeyCertificate", OnboardingKeys.any());
            }
            String name = "example-" + (created++);
            String createdBody = as(t.owner()).contentType("application/json").body(body.toString())
                    .put(cluster(t, name, V2026)).then().statusCode(201).extract().asString();
            assertConforms(SPEC, "ConnectedCluster", createdBody);
            awaitProvisioned(t.owner(), cluster(t, name, V2026));
            assertConforms(SPEC, "ConnectedCluster", as(t.owner()).get(cluster(t, name, V2026)).then().statusCode(200)
                    .extract().asString());
        }
        assertConforms(SPEC, "ConnectedCluster", as(t.owner()).contentType("application/json")
                .body(connectBody("East US", OnboardingKeys.any())).put(cluster(t, "replaced", V2026)).then()
                .statusCode(201).extract().asString());
        awaitProvisioned(t.owner(), cluster(t, "replaced", V2026));
        assertConforms(SPEC, "ConnectedCluster", as(t.owner()).contentType("application/json")
                .body(connectBody("East US", OnboardingKeys.any()).replace("k3s", "aks")).put(cluster(t, "replaced", V2026))
                .then().statusCode(200).extract().asString());

        for (String example : examples.stream().filter(e -> e.contains("ListClusterCredential")).toList()) {
            JsonNode asked = AzureSpecs.example(SPEC, example).get("parameters").get("Properties");
            String answer = as(t.owner()).contentType("application/json").body(asked.toString())
                    .post(t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/"
                            + "example-0/listClusterUserCredential?api-version=" + V2026)
                    .then().statusCode(200).extract().asString();
            assertConforms(SPEC, "CredentialResults", answer);
            if (asked.get("clientProxy").booleanValue()) {
                assertThat(answer).contains("\"relayTid\":\"" + t.tenantId() + "\"").contains("\"relayType\"");
            }
        }
        assertListsConform(t, SPEC, V2026);
        as(t.owner()).delete(cluster(t, "example-0", V2026)).then().statusCode(202);
        as(t.owner()).delete(cluster(t, "never-existed", V2026)).then().statusCode(204);
    }

    @Test
    void patchIsLongRunningAndItsLocationAnswersTheCluster() {
        AzureSpecs.assumePresent();
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "patched", V2026)).then().statusCode(201);
        awaitProvisioned(t.owner(), cluster(t, "patched", V2026));
        String patch = "{\"tags\":{\"team\":\"blue\"},\"properties\":{\"azureHybridBenefit\":\"True\","
                + "\"distributionVersion\":\"1.30\",\"gateway\":{\"enabled\":false}}}";
        assertConforms(SPEC, "ConnectedClusterPatch", patch);
        Response accepted = as(t.owner()).contentType("application/json").body(patch).patch(cluster(t, "patched", V2026));
        accepted.then().statusCode(202).header("Location", notNullValue()).header("Retry-After", notNullValue());
        assertThat(accepted.asString()).isEmpty();
        String location = accepted.header("Location");
        String finalBody = eventually(Duration.ofSeconds(20), () -> {
            Response polled = as(t.owner()).get(location);
            assertThat(polled.statusCode()).isEqualTo(200);
            return polled.asString();
        });
        assertConforms(SPEC, "ConnectedCluster", finalBody);
        as(t.owner()).get(cluster(t, "patched", V2026)).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("tags.team", equalTo("blue"))
                .body("properties.azureHybridBenefit", equalTo("True"))
                .body("properties.gateway.enabled", equalTo(false));
        // Earlier versions keep their synchronous PATCH.
        as(t.owner()).contentType("application/json").body("{\"tags\":{\"team\":\"red\"}}")
                .patch(cluster(t, "patched", V2024)).then().statusCode(200).body("tags.team", equalTo("red"));
    }
}

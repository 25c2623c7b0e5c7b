package dev.mooring.clusters;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConnectedClustersTest extends ClusterTest {

    @Test
    void createIsLongRunningAndReachesSucceededWhenPolledLikeAnSdk() {
        Tenant t = readyTenant();
        Response created = as(t.owner()).contentType("application/json").body(connectBody("East US", OnboardingKeys.any()))
                .put(cluster(t, "edge-1", V2024));
        created.then().statusCode(201)
                .header("Azure-AsyncOperation", containsString("/providers/Microsoft.Kubernetes/locations/eastus/operationStatuses/"))
                .header("Retry-After", equalTo("1"))
                .header("ETag", notNullValue())
                .body("id", equalTo(t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/edge-1"))
                .body("type", equalTo("Microsoft.Kubernetes/connectedClusters"))
                .body("location", equalTo("eastus"))
                .body("properties.provisioningState", equalTo("Accepted"))
                .body("properties.connectivityStatus", equalTo("Connecting"))
                .body("identity.type", equalTo("SystemAssigned"))
                .body("identity.tenantId", equalTo(t.tenantId().toString()))
                .body("systemData.createdByType", equalTo("User"));
        String principal = created.path("identity.principalId");
        assertThat(principal).isNotBlank();

        String status = followAzureAsyncOperation(t.owner(), created);
        assertThat(status).isEqualTo("Succeeded");
        as(t.owner()).get(cluster(t, "edge-1", V2024)).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.distribution", equalTo("k3s"))
                .body("properties.privateLinkState", equalTo("Disabled"))
                .body("properties.azureHybridBenefit", equalTo("NotApplicable"));

        // The CLI re-onboards by re-PUTting the same key; SPKI is the same key as PKCS#1. The identity stays.
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "EDGE-1", V2021_10)).then().statusCode(200)
                .header("Azure-AsyncOperation", nullValue())
                .body("name", equalTo("EDGE-1"))
                .body("identity.principalId", equalTo(principal));
    }

    @Test
    void theOnboardingKeyAndLocationNeverChange() {
        Tenant t = readyTenant();
        KeyPair pair = OnboardingKeys.rsa(2048);
        as(t.owner()).contentType("application/json").body(connectBody("westeurope", OnboardingKeys.pkcs1(pair)))
                .put(cluster(t, "fixed", V2021_03)).then().statusCode(201);
        await(t, "fixed");
        as(t.owner()).contentType("application/json").body(connectBody("westeurope", OnboardingKeys.spki(pair)))
                .put(cluster(t, "fixed", V2021_03)).then().statusCode(200);
        as(t.owner()).contentType("application/json").body(connectBody("westeurope", OnboardingKeys.pkcs1(OnboardingKeys.rsa(2048))))
                .put(cluster(t, "fixed", V2021_03)).then().statusCode(400)
                .body("error.code", equalTo("PropertyChangeNotAllowed"))
                .body("error.target", equalTo("properties.agentPublicKeyCertificate"));
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.pkcs1(pair)))
                .put(cluster(t, "fixed", V2021_03)).then().statusCode(409)
                .body("error.code", equalTo("InvalidResourceLocation"));
        as(t.owner()).contentType("application/json")
                .body(connectBody("westeurope", OnboardingKeys.pkcs1(pair)).replace("\"distribution\"",
                        "\"provisioningState\":\"Failed\",\"distribution\""))
                .put(cluster(t, "fixed", V2021_03)).then().statusCode(400)
                .body("error.target", equalTo("properties.provisioningState"));
        // Read-only properties sent by the client are ignored.
        as(t.owner()).contentType("application/json")
                .body(connectBody("westeurope", OnboardingKeys.pkcs1(pair)).replace("\"distribution\"",
                        "\"kubernetesVersion\":\"9.9.9\",\"totalNodeCount\":99,\"connectivityStatus\":\"Connected\",\"distribution\""))
                .put(cluster(t, "fixed", V2021_03)).then().statusCode(200)
                .body("properties", not(hasKey("kubernetesVersion")))
                .body("properties.connectivityStatus", equalTo("Connecting"));
    }

    @Test
    void invalidRequestsGetPreciseArmErrors() {
        Tenant t = readyTenant();
        String key = OnboardingKeys.any();
        String body = connectBody("eastus", key);
        expect400(t, "bad.name", body, "InvalidResourceName");
        expect400(t, "-starts-with-dash", body, "InvalidResourceName");
        expect400(t, "x".repeat(64), body, "InvalidResourceName");
        expect400(t, "ok", body.replace("\"identity\":{\"type\":\"SystemAssigned\"},", ""), "InvalidParameter");
        expect400(t, "ok", body.replace("SystemAssigned", "UserAssigned"), "InvalidParameter");
        expect400(t, "ok", body.replace(key, ""), "InvalidParameter");
        expect400(t, "ok", body.replace(key, "not base64!"), "InvalidParameter");
        expect400(t, "ok", body.replace(key, OnboardingKeys.pkcs1(OnboardingKeys.rsa(1024))), "InvalidParameter");
        expect400(t, "ok", body.replace("\"location\":\"eastus\",", ""), "LocationRequired");
        expect400(t, "ok", body.replace("eastus", "westus2"), "LocationNotAvailableForResourceType");
        expect400(t, "ok", body.replace("\"tags\":{\"env\":\"dev\"}", "\"tags\":{\"a<b\":\"x\"}"), "InvalidTag");
        expect400(t, "ok", body.replace("\"tags\":{\"env\":\"dev\"}", "\"tags\":[1]"), "InvalidRequestContent");
        expect400(t, "ok", "{\"location\":", "InvalidRequestContent");
        as(t.owner()).contentType("application/json").body(body)
                .put(cluster(t, "ok", "2020-01-01-preview")).then().statusCode(400)
                .body("error.code", equalTo("NoRegisteredProviderFound"))
                .body("error.message", containsString("2024-01-01"));
        as(t.owner()).contentType("application/json").body(body)
                .put(t.subscriptionPath() + "/resourceGroups/missing/providers/Microsoft.Kubernetes/connectedClusters/ok"
                        + "?api-version=2024-01-01").then().statusCode(404).body("error.code", equalTo("ResourceGroupNotFound"));
        as(t.owner()).get(cluster(t, "absent", V2024)).then().statusCode(404).body("error.code", equalTo("ResourceNotFound"));
        as(t.owner()).get(cluster(t, "ok", V2024)).then().statusCode(404);
    }

    @Test
    void writingWithoutProviderRegistrationIs409() {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "early", V2024)).then().statusCode(409)
                .body("error.code", equalTo("MissingSubscriptionRegistration"))
                .body("error.details[0].target", equalTo("Microsoft.Kubernetes"));
    }

    @Test
    void eachVersionShowsOnlyItsFieldsAndKeepsTheOthers() {
        Tenant t = readyTenant();
        String body2024 = "{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{"
                + "\"agentPublicKeyCertificate\":\"" + OnboardingKeys.any() + "\",\"distribution\":\"AKS\","
                + "\"distributionVersion\":\"1.0\",\"azureHybridBenefit\":\"True\",\"aadProfile\":{\"enableAzureRBAC\":true,"
                + "\"adminGroupObjectIDs\":[\"56f988bf-86f1-41af-91ab-2d7cd011db47\"]},"
                + "\"arcAgentProfile\":{\"desiredAgentVersion\":\"1.2.3\",\"agentAutoUpgrade\":\"disabled\"}}}";
        as(t.owner()).contentType("application/json").body(body2024).put(cluster(t, "versions", V2024)).then().statusCode(201);
        await(t, "versions");

        as(t.owner()).get(cluster(t, "versions", V2021_03)).then().statusCode(200)
                .body("$", not(hasKey("kind")))
                .body("properties", not(hasKey("distributionVersion")))
                .body("properties", not(hasKey("azureHybridBenefit")))
                .body("properties", not(hasKey("aadProfile")))
                .body("properties", not(hasKey("privateLinkState")))
                .body("properties.distribution", equalTo("AKS"));
        // A 2021 client replaces the cluster: what it does not know survives.
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "versions", V2021_10)).then().statusCode(200);
        as(t.owner()).get(cluster(t, "versions", V2024)).then().statusCode(200)
                .body("properties.distribution", equalTo("k3s"))
                .body("properties.distributionVersion", equalTo("1.0"))
                .body("properties.azureHybridBenefit", equalTo("True"))
                .body("properties.aadProfile.enableAzureRBAC", equalTo(true))
                .body("properties.arcAgentProfile.agentAutoUpgrade", equalTo("Disabled"));
    }

    @Test
    void patchReplacesTagsAndMergesWhatTheVersionAllows() {
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "patched", V2024)).then().statusCode(201);
        await(t, "patched");
        as(t.owner()).contentType("application/json")
                .body("{\"tags\":{\"team\":\"a\"},\"properties\":{\"distribution\":\"ignored-in-2021\"}}")
                .patch(cluster(t, "patched", V2021_03)).then().statusCode(200)
                .body("tags", aMapWithSize(1)).body("tags.team", equalTo("a"))
                .body("properties.distribution", equalTo("k3s"));
        as(t.owner()).contentType("application/json")
                .body("{\"properties\":{\"distributionVersion\":\"2.0\",\"azureHybridBenefit\":\"False\"}}")
                .patch(cluster(t, "patched", V2024)).then().statusCode(200)
                .body("tags.team", equalTo("a"))
                .body("properties.distributionVersion", equalTo("2.0"))
                .body("properties.azureHybridBenefit", equalTo("False"));
        as(t.owner()).contentType("application/json").body("{\"properties\":{\"distribution\":null}}")
                .patch(cluster(t, "patched", V2024)).then().statusCode(200)
                .body("properties", not(hasKey("distribution")))
                .body("properties.distributionVersion", equalTo("2.0"));
        as(t.owner()).contentType("application/json").body("{\"properties\":{\"azureHybridBenefit\":\"Maybe\"}}")
                .patch(cluster(t, "patched", V2024)).then().statusCode(400);
        as(t.owner()).contentType("application/json").body("{\"tags\":{}}")
                .patch(cluster(t, "nope", V2024)).then().statusCode(404);
    }

    @Test
    void deleteIsLongRunningAndCascades() {
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "gone", V2021_10)).then().statusCode(201);
        await(t, "gone");
        UUID viewer = UUID.randomUUID();
        String scope = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/gone";
        as(t.owner()).contentType("application/json")
                .body("{\"properties\":{\"roleDefinitionId\":\"acdd72a7-3385-48ef-bd42-f606fba81ae7\",\"principalId\":\""
                        + viewer + "\"}}")
                .put(scope + "/providers/Microsoft.Authorization/roleAssignments/" + UUID.randomUUID() + "?api-version=2022-04-01")
                .then().statusCode(201);
        as(t.user(viewer)).get(cluster(t, "gone", V2021_10)).then().statusCode(200);

        Response accepted = as(t.owner()).delete(cluster(t, "gone", V2021_10));
        accepted.then().statusCode(202).header("Location", containsString("/operationResults/"));
        assertThat(followLocation(t.owner(), accepted)).isEqualTo(200);
        as(t.owner()).get(cluster(t, "gone", V2021_10)).then().statusCode(404);
        as(t.owner()).delete(cluster(t, "gone", V2021_10)).then().statusCode(204);
        as(t.owner()).get(t.subscriptionPath() + "/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01"
                + "&$filter=principalId eq '" + viewer + "'").then().body("value.size()", equalTo(0));
    }

    @Test
    void deletingTheResourceGroupDeletesItsClustersAndUnregisteringWaitsForThem() {
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "in-group", V2024)).then().statusCode(201);
        await(t, "in-group");
        as(t.owner()).post(t.subscriptionPath() + "/providers/Microsoft.Kubernetes/unregister?api-version=2021-04-01")
                .then().statusCode(409).body("error.code", equalTo("ProviderUnregistrationNotAllowed"));
        Response accepted = as(t.owner()).delete(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01");
        assertThat(followLocation(t.owner(), accepted)).isEqualTo(200);
        as(t.owner()).get(t.subscriptionPath() + "/providers/Microsoft.Kubernetes/connectedClusters?api-version=2024-01-01")
                .then().statusCode(200).body("value.size()", equalTo(0));
        as(t.owner()).post(t.subscriptionPath() + "/providers/Microsoft.Kubernetes/unregister?api-version=2021-04-01")
                .then().statusCode(200);
    }

    @Test
    void listsPageByResourceGroupAndSubscription() {
        Tenant t = readyTenant();
        for (int i = 0; i < 3; i++) {
            as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                    .put(cluster(t, "c" + i, V2024)).then().statusCode(201);
        }
        String first = as(t.owner()).get(t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/"
                + "connectedClusters?api-version=2024-01-01&$top=2").then().statusCode(200)
                .body("value.name", org.hamcrest.Matchers.contains("c0", "c1"))
                .extract().path("nextLink");
        as(t.owner()).urlEncodingEnabled(false).get(first).then().statusCode(200)
                .body("value.name", org.hamcrest.Matchers.contains("c2")).body("nextLink", nullValue());
        as(t.owner()).get(t.subscriptionPath() + "/providers/Microsoft.Kubernetes/connectedClusters?api-version=2021-03-01")
                .then().statusCode(200).body("value.size()", equalTo(3))
                .body("value[0]", not(hasKey("kind")));
    }

    @Test
    void listClusterUserCredentialPointsAtMooringsConnectEndpoint() {
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "reach-me", V2024)).then().statusCode(201);
        String action = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/"
                + "reach-me/listClusterUserCredential?api-version=";
        Response response = as(t.owner()).contentType("application/json")
                .body("{\"authenticationMethod\":\"AAD\",\"clientProxy\":true}").post(action + V2024);
        response.then().statusCode(200)
                .body("kubeconfigs[0].name", equalTo("credentialName1"))
                .body("hybridConnectionConfig.hybridConnectionName", containsString("microsoft.kubernetes/connectedclusters/"))
                .body("hybridConnectionConfig.expirationTime", notNullValue());
        String kubeconfig = new String(Base64.getDecoder().decode((String) response.path("kubeconfigs[0].value")),
                StandardCharsets.UTF_8);
        String resourceId = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/reach-me";
        assertThat(kubeconfig).contains("server: http://localhost:" + port + "/connect/" + ClusterCredentials.hash(resourceId));
        as(t.owner()).contentType("application/json").body("{\"authenticationMethod\":\"Token\",\"clientProxy\":false}")
                .post(action + V2021_10).then().statusCode(200).body("$", not(hasKey("hybridConnectionConfig")));
        as(t.owner()).contentType("application/json").body("{\"authenticationMethod\":\"Token\"}")
                .post(action + V2024).then().statusCode(400).body("error.target", equalTo("clientProxy"));
        as(t.owner()).contentType("application/json").body("{\"authenticationMethod\":\"Basic\",\"clientProxy\":true}")
                .post(action + V2024).then().statusCode(400);
        as(t.owner()).contentType("application/json").body("{\"authenticationMethod\":\"AAD\",\"clientProxy\":true}")
                .post(action + V2021_03).then().statusCode(400).body("error.code", equalTo("NoRegisteredProviderFound"));
    }

    private void expect400(Tenant t, String name, String body, String code) {
        as(t.owner()).contentType("application/json").body(body).put(cluster(t, name, V2024)).then().statusCode(400)
                .body("error.code", equalTo(code));
    }

    /** Waits for the creation operation to finish (the background worker runs it). */
    void await(Tenant t, String name) {
        awaitProvisioned(t.owner(), cluster(t, name, V2024));
    }

    /** final-state-via azure-async-operation: poll the status resource, honouring Retry-After. */
    String followAzureAsyncOperation(String token, Response accepted) {
        String url = accepted.header("Azure-AsyncOperation");
        Long.parseLong(accepted.header("Retry-After")); // the SDKs wait that long between polls; it must parse
        return eventually(Duration.ofSeconds(30), () -> {
            String status = as(token).get(url).then().statusCode(200).extract().path("status");
            assertThat(status).as("a terminal status").isIn("Succeeded", "Failed", "Canceled");
            return status;
        });
    }

    /** final-state-via location: poll Location until it stops answering 202. */
    int followLocation(String token, Response accepted) {
        String url = accepted.header("Location");
        Long.parseLong(accepted.header("Retry-After")); // the SDKs wait that long between polls; it must parse
        return eventually(Duration.ofSeconds(30), () -> {
            int status = as(token).get(url).statusCode();
            assertThat(status).as("the operation is still running").isNotEqualTo(202);
            return status;
        });
    }
}

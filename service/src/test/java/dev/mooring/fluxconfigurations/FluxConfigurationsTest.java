package dev.mooring.fluxconfigurations;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.Response;
import java.net.URI;
import org.junit.jupiter.api.Test;

class FluxConfigurationsTest extends FluxTest {

    @Test
    void createIsLongRunningThenReadReplaceAndList() {
        Tenant t = readyTenant("c1");
        Response created = as(t.owner()).contentType("application/json").body(GIT).put(flux(t, "c1", "fleet", V2025));
        created.then().statusCode(201)
                .header("Azure-AsyncOperation", notNullValue())
                .body("id", equalTo(clusterPath(t, "c1")
                        + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/fleet"))
                .body("type", equalTo("Microsoft.KubernetesConfiguration/fluxConfigurations"))
                .body("properties.provisioningState", equalTo("Creating"))
                .body("properties.complianceState", equalTo("Pending"))
                .body("properties.kustomizations.apps.name", equalTo("apps"))
                .body("properties.kustomizations.apps.dependsOn", contains("infra"))
                .body("properties.kustomizations.apps.wait", equalTo(true))
                .body("properties.kustomizations.apps.timeoutInSeconds", equalTo(600))
                .body("properties.gitRepository.syncIntervalInSeconds", equalTo(600))
                .body("systemData.createdByType", equalTo("User"));
        awaitProvisioned(t.owner(), flux(t, "c1", "fleet", V2025));
        URI status = URI.create(created.header("Azure-AsyncOperation"));
        as(t.owner()).get(status.getPath() + "?" + status.getQuery()).then().statusCode(200)
                .body("status", equalTo("Succeeded"));
        String operationId = status.getPath().substring(status.getPath().lastIndexOf('/') + 1);
        as(t.owner()).get(clusterPath(t, "c1") + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/fleet"
                        + "/operations/" + operationId + "?api-version=" + V2025).then().statusCode(200)
                .body("status", equalTo("Succeeded")).body("name", equalTo(operationId))
                .body("id", endsWith("/fluxConfigurations/fleet/operations/" + operationId));
        as(t.owner()).get(clusterPath(t, "c1") + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/other"
                + "/operations/" + operationId + "?api-version=" + V2025).then().statusCode(404);

        as(t.owner()).contentType("application/json").body(GIT.replace("main", "release"))
                .put(flux(t, "c1", "fleet", V2023)).then().statusCode(200)
                .header("Azure-AsyncOperation", notNullValue())
                .body("properties.gitRepository.repositoryRef.branch", equalTo("release"));
        awaitProvisioned(t.owner(), flux(t, "c1", "fleet", V2023));
        as(t.owner()).contentType("application/json").body(GIT).put(flux(t, "c1", "second", V2023)).then().statusCode(201);
        String next = as(t.owner()).get(collection(t, "c1", V2025) + "&$top=1").then().statusCode(200)
                .body("value.name", contains("fleet")).extract().path("nextLink");
        as(t.owner()).urlEncodingEnabled(false).get(next).then().statusCode(200)
                .body("value.name", contains("second")).body("nextLink", nullValue());
    }

    @Test
    void eachVersionRoundTripsWhatItDefines() {
        Tenant t = readyTenant("c1");
        String v2023 = """
                {"properties":{"scope":"namespace","namespace":"team-a","sourceKind":"AzureBlob","suspend":true,
                 "azureBlob":{"url":"https://acct.blob.core.windows.net","containerName":"manifests","timeoutInSeconds":120,
                  "syncIntervalInSeconds":300,"managedIdentity":{"clientId":"11111111-1111-1111-1111-111111111111"},
                  "localAuthRef":"blob-auth"},
                 "kustomizations":{"base":{"path":"./base","prune":true,"force":true,"wait":false,
                  "retryIntervalInSeconds":60,"postBuild":{"substitute":{"env":"prod"},
                  "substituteFrom":[{"kind":"Secret","name":"vars","optional":true}]}}}}}""";
        as(t.owner()).contentType("application/json").body(v2023).put(flux(t, "c1", "blob", V2023)).then().statusCode(201);
        as(t.owner()).get(flux(t, "c1", "blob", V2023)).then().statusCode(200)
                .body("properties.scope", equalTo("namespace")).body("properties.namespace", equalTo("team-a"))
                .body("properties.sourceKind", equalTo("AzureBlob")).body("properties.suspend", equalTo(true))
                .body("properties.complianceState", equalTo("Suspended"))
                .body("properties.azureBlob.containerName", equalTo("manifests"))
                .body("properties.azureBlob.timeoutInSeconds", equalTo(120))
                .body("properties.azureBlob.managedIdentity.clientId", equalTo("11111111-1111-1111-1111-111111111111"))
                .body("properties.azureBlob.localAuthRef", equalTo("blob-auth"))
                .body("properties.kustomizations.base.prune", equalTo(true))
                .body("properties.kustomizations.base.force", equalTo(true))
                .body("properties.kustomizations.base.wait", equalTo(false))
                .body("properties.kustomizations.base.retryIntervalInSeconds", equalTo(60))
                .body("properties.kustomizations.base.postBuild.substitute.env", equalTo("prod"))
                .body("properties.kustomizations.base.postBuild.substituteFrom[0].kind", equalTo("Secret"))
                .body("properties.kustomizations.base.postBuild.substituteFrom[0].optional", equalTo(true));

        String v2025 = """
                {"properties":{"sourceKind":"OCIRepository","waitForReconciliation":true,"reconciliationWaitDuration":"PT10M",
                 "ociRepository":{"url":"oci://ghcr.io/example/manifests","repositoryRef":{"semver":">=1.0.0"},
                  "layerSelector":{"mediaType":"application/vnd.cncf.flux.content.v1.tar+gzip","operation":"extract"},
                  "verify":{"provider":"cosign","matchOidcIdentity":[{"issuer":"https://token.actions.githubusercontent.com","subject":"repo:example/manifests"}]},
                  "useWorkloadIdentity":true,"serviceAccountName":"flux-oci"},
                 "kustomizations":{"apps":{"path":"./apps"}}}}""";
        as(t.owner()).contentType("application/json").body(v2025).put(flux(t, "c1", "oci", V2025)).then().statusCode(201);
        as(t.owner()).get(flux(t, "c1", "oci", V2025)).then().statusCode(200)
                .body("properties.scope", equalTo("cluster")).body("properties.namespace", equalTo("default"))
                .body("properties.waitForReconciliation", equalTo(true))
                .body("properties.reconciliationWaitDuration", equalTo("PT10M"))
                .body("properties.ociRepository.repositoryRef.semver", equalTo(">=1.0.0"))
                .body("properties.ociRepository.layerSelector.operation", equalTo("extract"))
                .body("properties.ociRepository.verify.matchOidcIdentity[0].subject", equalTo("repo:example/manifests"))
                .body("properties.ociRepository.useWorkloadIdentity", equalTo(true))
                .body("properties.ociRepository.serviceAccountName", equalTo("flux-oci"));
        // The older version cannot name an OCI source: it shows the rest and refuses to write one.
        as(t.owner()).get(flux(t, "c1", "oci", V2023)).then().statusCode(200)
                .body("properties", not(hasKey("ociRepository"))).body("properties", not(hasKey("waitForReconciliation")));
        as(t.owner()).contentType("application/json").body(v2025).put(flux(t, "c1", "oci2", V2023)).then().statusCode(400)
                .body("error.target", equalTo("properties.sourceKind"));

        String provider = GIT.replace("\"repositoryRef\"", "\"provider\":\"GitHub\",\"repositoryRef\"");
        as(t.owner()).contentType("application/json").body(provider).put(flux(t, "c1", "gh", V2025)).then().statusCode(201)
                .body("properties.gitRepository.provider", equalTo("GitHub"));
        as(t.owner()).get(flux(t, "c1", "gh", V2023)).then().statusCode(200)
                .body("properties.gitRepository", not(hasKey("provider")));
    }

    @Test
    void theSourceMustMatchItsKind() {
        Tenant t = readyTenant("c1");
        expect400(t, GIT.replace("\"sourceKind\":\"GitRepository\"", "\"sourceKind\":\"Bucket\""), "properties.bucket");
        expect400(t, GIT.replace("\"kustomizations\"", "\"bucket\":{\"url\":\"https://minio.example\",\"bucketName\":\"b\"},"
                + "\"kustomizations\""), "properties.bucket");
        expect400(t, GIT.replace("\"repositoryRef\":{\"branch\":\"main\"}", "\"repositoryRef\":{}"),
                "properties.gitRepository.repositoryRef");
        expect400(t, GIT.replace("https://github.com/example/fleet", "ftp://example/fleet"), "properties.gitRepository.url");
        expect400(t, GIT.replace("\"scope\":\"cluster\"", "\"scope\":\"everywhere\""), "properties.scope");
        expect400(t, GIT.replace("\"namespace\":\"fleet\"", "\"namespace\":\"Not_A_Namespace\""), "properties.namespace");
        expect400(t, GIT.replace("\"path\":\"./infra\"", "\"path\":\"./infra\",\"timeoutInSeconds\":-5"),
                "properties.kustomizations.infra.timeoutInSeconds");
        as(t.owner()).contentType("application/json").body(GIT).put(flux(t, "c1", "Not_Valid", V2025)).then()
                .statusCode(400).body("error.code", equalTo("InvalidFluxConfigurationName"));
    }

    @Test
    void aDependencyCycleIsRefusedNamingIt() {
        Tenant t = readyTenant("c1");
        String cycle = GIT.replace("\"infra\":{\"path\":\"./infra\"}",
                "\"infra\":{\"path\":\"./infra\",\"dependsOn\":[\"db\"]},\"db\":{\"path\":\"./db\",\"dependsOn\":[\"apps\"]}");
        as(t.owner()).contentType("application/json").body(cycle).put(flux(t, "c1", "loop", V2025)).then().statusCode(400)
                .body("error.code", equalTo("InvalidParameter"))
                .body("error.message", containsString("apps -> infra -> db -> apps"));
        String self = GIT.replace("\"infra\":{\"path\":\"./infra\"}", "\"infra\":{\"path\":\"./infra\",\"dependsOn\":[\"infra\"]}");
        as(t.owner()).contentType("application/json").body(self).put(flux(t, "c1", "loop", V2025)).then().statusCode(400)
                .body("error.message", containsString("infra -> infra"));
        String unknown = GIT.replace("\"dependsOn\":[\"infra\"]", "\"dependsOn\":[\"nowhere\"]");
        as(t.owner()).contentType("application/json").body(unknown).put(flux(t, "c1", "loop", V2025)).then().statusCode(400)
                .body("error.message", containsString("'nowhere'"));
        as(t.owner()).get(flux(t, "c1", "loop", V2025)).then().statusCode(404);
    }

    @Test
    void patchMergesIntoTheStoredConfiguration() {
        Tenant t = readyTenant("c1");
        as(t.owner()).contentType("application/json").body(GIT).put(flux(t, "c1", "fleet", V2025)).then().statusCode(201);
        awaitProvisioned(t.owner(), flux(t, "c1", "fleet", V2025));
        as(t.owner()).contentType("application/json").body("""
                {"properties":{"suspend":true,"gitRepository":{"url":"https://github.com/example/other"},
                 "kustomizations":{"apps":null,"web":{"path":"./web","dependsOn":["infra"]}}}}""")
                .patch(flux(t, "c1", "fleet", V2025)).then().statusCode(202)
                .header("Azure-AsyncOperation", notNullValue()).header("Location", notNullValue());
        awaitProvisioned(t.owner(), flux(t, "c1", "fleet", V2025));
        as(t.owner()).get(flux(t, "c1", "fleet", V2025)).then().statusCode(200)
                .body("properties.suspend", equalTo(true))
                .body("properties.gitRepository.url", equalTo("https://github.com/example/other"))
                .body("properties.gitRepository.repositoryRef.branch", equalTo("main"))
                .body("properties.kustomizations", not(hasKey("apps")))
                .body("properties.kustomizations.web.path", equalTo("./web"));
        as(t.owner()).contentType("application/json")
                .body("{\"properties\":{\"kustomizations\":{\"infra\":{\"dependsOn\":[\"web\"]}}}}")
                .patch(flux(t, "c1", "fleet", V2025)).then().statusCode(400)
                .body("error.message", containsString("infra -> web -> infra"));
        as(t.owner()).contentType("application/json").body("{\"properties\":{\"suspend\":false}}")
                .patch(flux(t, "c1", "missing", V2025)).then().statusCode(404);
    }

    @Test
    void withoutAConnectedAgentDeleteIsImmediate() {
        Tenant t = readyTenant("c1");
        as(t.owner()).contentType("application/json").body(GIT).put(flux(t, "c1", "fleet", V2025)).then().statusCode(201);
        // A delete while the create still runs is 409 AnotherOperationInProgress: wait for the create first.
        awaitProvisioned(t.owner(), flux(t, "c1", "fleet", V2025));
        as(t.owner()).delete(flux(t, "c1", "fleet", V2025)).then().statusCode(200);
        as(t.owner()).get(flux(t, "c1", "fleet", V2025)).then().statusCode(404);
        as(t.owner()).delete(flux(t, "c1", "fleet", V2025)).then().statusCode(204);
    }

    @Test
    void withAConnectedAgentDeleteWaitsThenFailsPointingAtForceDelete() {
        Tenant t = readyTenant("c1");
        as(t.owner()).contentType("application/json").body(GIT).put(flux(t, "c1", "fleet", V2025)).then().statusCode(201);
        awaitProvisioned(t.owner(), flux(t, "c1", "fleet", V2025));
        heardFrom(t, "c1");
        Response deleting = as(t.owner()).delete(flux(t, "c1", "fleet", V2025));
        deleting.then().statusCode(202).header("Azure-AsyncOperation", notNullValue());
        as(t.owner()).get(flux(t, "c1", "fleet", V2025)).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Deleting"));
        as(t.owner()).contentType("application/json").body(GIT).put(flux(t, "c1", "fleet", V2025)).then().statusCode(409);
        clock.advance(DELETION_GRACE_PERIOD.plusSeconds(1));
        URI status = URI.create(deleting.header("Azure-AsyncOperation"));
        eventually(() -> as(t.owner()).get(status.getPath() + "?" + status.getQuery()).then().statusCode(200)
                .body("status", equalTo("Failed")).body("error.message", containsString("forceDelete=true")));
        as(t.owner()).get(flux(t, "c1", "fleet", V2025)).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Failed"))
                .body("properties.errorMessage", containsString("forceDelete=true"));
        as(t.owner()).delete(flux(t, "c1", "fleet", V2025) + "&forceDelete=true").then().statusCode(200);
        as(t.owner()).get(flux(t, "c1", "fleet", V2025)).then().statusCode(404);
    }

    @Test
    void readersReadAndOnlyWritersWrite() {
        Tenant t = readyTenant("c1");
        java.util.UUID reader = java.util.UUID.randomUUID();
        roleAssignments.grantAtSubscription(t.subscriptionId(), t.tenantId(), dev.mooring.access.BuiltInRoles.READER,
                reader, "User", "t");
        as(t.owner()).contentType("application/json").body(GIT).put(flux(t, "c1", "fleet", V2025)).then().statusCode(201);
        as(t.user(reader)).get(flux(t, "c1", "fleet", V2025)).then().statusCode(200);
        as(t.user(reader)).contentType("application/json").body(GIT).put(flux(t, "c1", "fleet", V2025)).then()
                .statusCode(403).body("error.code", equalTo("AuthorizationFailed"));
        as(t.user(reader)).delete(flux(t, "c1", "fleet", V2025)).then().statusCode(403);
        Tenant other = newTenant();
        as(other.owner()).get(flux(t, "c1", "fleet", V2025)).then().statusCode(org.hamcrest.Matchers.oneOf(401, 403, 404));
    }

    private void expect400(Tenant t, String body, String target) {
        String response = as(t.owner()).contentType("application/json").body(body).put(flux(t, "c1", "bad", V2025))
                .then().statusCode(400).body("error.target", equalTo(target)).extract().asString();
        assertThat(response).contains("\"code\"");
    }
}

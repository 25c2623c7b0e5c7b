package dev.mooring.dataplane;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.Response;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Flux configurations reach their cluster's own agent as the {@code fluxConfigurations} section of the desired
 * state (same ETag and version as everything else), secrets open for that agent only; the agent's status reports
 * become the resource's read-only status, and its removal report completes a delete.
 */
class FluxDeliveryTest extends AgentTestBase {

    private static final String TOKEN = Base64.getEncoder().encodeToString(("pat-" + UUID.randomUUID()).getBytes());

    private static String flux(Onboarded c, String name) {
        return c.resourceId() + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/" + name
                + "?api-version=2025-04-01";
    }

    private Response put(Onboarded c, String name) {
        return as(c.tenant().owner()).contentType("application/json").body("""
                {"properties":{"namespace":"flux-system","gitRepository":{"url":"https://github.com/example/fleet",
                 "repositoryRef":{"branch":"main"},"httpsUser":"bot"},"configurationProtectedSettings":{"httpsKey":"%s"},
                 "kustomizations":{"infra":{"path":"./infra"},"apps":{"path":"./apps","dependsOn":["infra"]}}}}"""
                .formatted(TOKEN)).put(flux(c, name));
    }

    @Test
    void theOwnAgentGetsTheConfigurationWithOpenSecretsAndItsReportBecomesTheStatus() {
        Onboarded c = onboarded("flux-delivered");
        Onboarded other = onboarded("flux-other");
        String before = agent(c).get(c.path() + "/configurations").then().statusCode(200).extract().header("ETag");

        Response created = put(c, "fleet");
        created.then().statusCode(201);
        assertThat(created.asString()).doesNotContain(TOKEN);
        as(c.tenant().owner()).get(c.resourceId() + "/providers/Microsoft.KubernetesConfiguration/extensions"
                + "?api-version=2025-03-01").then().statusCode(200)
                .body("value.properties.extensionType", contains("microsoft.flux"));

        Response desired = agent(c).header("If-None-Match", before).get(c.path() + "/configurations");
        desired.then().statusCode(200)
                .body("fluxConfigurations", hasSize(1))
                .body("fluxConfigurations[0].name", equalTo("fleet"))
                .body("fluxConfigurations[0].desiredState", equalTo("apply"))
                .body("fluxConfigurations[0].namespace", equalTo("flux-system"))
                .body("fluxConfigurations[0].gitRepository.httpsUser", equalTo("bot"))
                .body("fluxConfigurations[0].kustomizations.apps.dependsOn", contains("infra"))
                .body("fluxConfigurations[0].secrets.httpsKey", equalTo(TOKEN))
                .body("extensions[0].extensionType", equalTo("microsoft.flux"));
        assertThat(desired.header("ETag")).isNotEqualTo(before);
        agent(other).get(other.path() + "/configurations").then().statusCode(200).body("fluxConfigurations", empty());

        agent(c).contentType("application/json").body("""
                {"complianceState":"Non-Compliant","sourceSyncedCommitId":"main@sha1:0ba6f0d3",
                 "sourceUpdatedAt":"2026-11-26T05:00:00Z","errorMessage":"Kustomization fleet-apps: build failed",
                 "statuses":[{"name":"fleet","namespace":"flux-system","kind":"GitRepository","complianceState":"Compliant",
                   "statusConditions":[{"lastTransitionTime":"2026-11-26T05:00:00Z","message":"Fetched revision",
                   "reason":"Succeeded","status":"True","type":"Ready"}]},
                  {"name":"fleet-apps","namespace":"flux-system","kind":"Kustomization","complianceState":"Non-Compliant",
                   "statusConditions":[]}]}""")
                .post(c.path() + "/fluxConfigurations/fleet/status").then().statusCode(204);
        as(c.tenant().owner()).get(flux(c, "fleet")).then().statusCode(200)
                .body("properties.complianceState", equalTo("Non-Compliant"))
                .body("properties.sourceSyncedCommitId", equalTo("main@sha1:0ba6f0d3"))
                .body("properties.sourceUpdatedAt", equalTo("2026-11-26T05:00:00Z"))
                .body("properties.statusUpdatedAt", org.hamcrest.Matchers.notNullValue())
                .body("properties.errorMessage", equalTo("Kustomization fleet-apps: build failed"))
                .body("properties.statuses[0].statusConditions[0].type", equalTo("Ready"))
                .body("properties.statuses[1].complianceState", equalTo("Non-Compliant"));

        agent(other).contentType("application/json").body("{\"complianceState\":\"Compliant\"}")
                .post(other.path() + "/fluxConfigurations/fleet/status").then().statusCode(404);
        agent(c).contentType("application/json").body("{\"complianceState\":\"Sideways\"}")
                .post(c.path() + "/fluxConfigurations/fleet/status").then().statusCode(400);
        agent(c).contentType("application/json").body("{\"statuses\":\"no\"}")
                .post(c.path() + "/fluxConfigurations/fleet/status").then().statusCode(400);
    }

    @Test
    void withAConnectedAgentADeleteWaitsForTheRemovalReport() {
        Onboarded c = onboarded("flux-removed");
        put(c, "fleet").then().statusCode(201);
        heartbeat(c, "1.31.0", 1).then().statusCode(200);
        eventually(() -> as(c.tenant().owner()).get(c.resourceId() + "?api-version=2024-01-01").then()
                .body("properties.connectivityStatus", equalTo("Connected")));
        Response accepted = as(c.tenant().owner()).delete(flux(c, "fleet"));
        accepted.then().statusCode(202);
        agent(c).get(c.path() + "/configurations").then().statusCode(200)
                .body("fluxConfigurations[0].desiredState", equalTo("remove"))
                .body("fluxConfigurations[0].secrets.httpsKey", nullValue());
        agent(c).post(c.path() + "/fluxConfigurations/fleet/removed").then().statusCode(204);
        as(c.tenant().owner()).get(flux(c, "fleet")).then().statusCode(404);
        as(c.tenant().owner()).get(accepted.header("Azure-AsyncOperation")).then().statusCode(200)
                .body("status", equalTo("Succeeded"));
        agent(c).get(c.path() + "/configurations").then().statusCode(200).body("fluxConfigurations", empty());
        agent(c).post(c.path() + "/fluxConfigurations/fleet/removed").then().statusCode(404);
    }
}

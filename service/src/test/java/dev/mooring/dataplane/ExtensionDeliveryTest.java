package dev.mooring.dataplane;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Extensions reach their cluster's own agent through the desired-state section of the configuration channel
 * (same ETag and version as configurations), and the agent's reports drive their ARM state and operations.
 */
class ExtensionDeliveryTest extends AgentTestBase {

    private static final String SECRET = "s3cret-" + java.util.UUID.randomUUID();

    @Autowired
    JdbcTemplate jdbc;

    private static String extension(Onboarded c, String name) {
        return c.resourceId() + "/providers/Microsoft.KubernetesConfiguration/extensions/" + name
                + "?api-version=2025-03-01";
    }

    private Response put(Onboarded c, String name) {
        return as(c.tenant().owner()).contentType("application/json")
                .body("{\"properties\":{\"extensionType\":\"jetstack.cert-manager\",\"scope\":{\"cluster\":"
                        + "{\"releaseNamespace\":\"cert-manager\"}},\"configurationSettings\":{\"crds.enabled\":\"true\"},"
                        + "\"configurationProtectedSettings\":{\"token\":\"" + SECRET + "\"}}}")
                .put(extension(c, name));
    }

    private void connected(Onboarded c) {
        heartbeat(c, "1.31.0", 1).then().statusCode(200);
        eventually(() -> as(c.tenant().owner()).get(c.resourceId() + "?api-version=2024-01-01").then()
                .body("properties.connectivityStatus", equalTo("Connected")));
    }

    @Test
    void theOwnAgentGetsTheExtensionWithItsChartAndOpenSettingsAndItsReportCompletesTheCreate() {
        Onboarded c = onboarded("ext-delivered");
        Onboarded other = onboarded("ext-other");
        String before = agent(c).get(c.path() + "/configurations").then().statusCode(200).extract().header("ETag");

        Response created = put(c, "certs");
        created.then().statusCode(201)
                .body("properties.provisioningState", equalTo("Creating"))
                .body("properties.version", equalTo("v1.17.1"))
                .body("properties.configurationProtectedSettings", nullValue());
        assertThat(created.asString()).doesNotContain(SECRET);
        String status = created.header("Azure-AsyncOperation");
        assertThat(status).contains("/extensions/certs/operations/");

        Response desired = agent(c).header("If-None-Match", before).get(c.path() + "/configurations");
        desired.then().statusCode(200)
                .body("configurations", empty())
                .body("extensions", hasSize(1))
                .body("extensions[0].name", equalTo("certs"))
                .body("extensions[0].desiredState", equalTo("apply"))
                .body("extensions[0].chart.repository", equalTo("oci://quay.io/jetstack/charts"))
                .body("extensions[0].chart.name", equalTo("cert-manager"))
                .body("extensions[0].chart.version", equalTo("v1.17.1"))
                .body("extensions[0].namespace", equalTo("cert-manager"))
                .body("extensions[0].configurationSettings.'crds.enabled'", equalTo("true"))
                .body("extensions[0].protectedSettings.token", equalTo(SECRET));
        assertThat(desired.header("ETag")).isNotEqualTo(before);
        agent(other).get(other.path() + "/configurations").then().statusCode(200).body("extensions", empty());
        assertThat(jdbc.queryForObject("select count(*) from cluster_extensions where protected_settings_fetched_at"
                + " is not null and name = 'certs'", Integer.class)).isEqualTo(1);

        as(c.tenant().owner()).get(status).then().statusCode(200).body("status", equalTo("InProgress"));
        agent(c).contentType("application/json").body("{\"installState\":\"Installed\",\"version\":\"v1.17.1\","
                        + "\"statuses\":[{\"code\":\"Ready\",\"displayStatus\":\"Release ready\",\"level\":\"Information\","
                        + "\"message\":\"Helm install succeeded\"}]}")
                .post(c.path() + "/extensions/certs/status").then().statusCode(204);
        as(c.tenant().owner()).get(status).then().statusCode(200).body("status", equalTo("Succeeded"));
        as(c.tenant().owner()).get(extension(c, "certs")).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.currentVersion", equalTo("v1.17.1"))
                .body("properties.statuses[0].code", equalTo("Ready"));
        agent(other).contentType("application/json").body("{\"installState\":\"Installed\"}")
                .post(other.path() + "/extensions/certs/status").then().statusCode(404);
    }

    @Test
    void aFailureReportFailsTheOperationWithTheAgentsError() {
        Onboarded c = onboarded("ext-failing");
        String status = put(c, "certs").then().statusCode(201).extract().header("Azure-AsyncOperation");
        agent(c).contentType("application/json").body("{\"installState\":\"Failed\",\"errorInfo\":{\"code\":"
                + "\"HelmInstallFailed\",\"message\":\"chart not found\"}}").post(c.path() + "/extensions/certs/status")
                .then().statusCode(204);
        as(c.tenant().owner()).get(status).then().statusCode(200).body("status", equalTo("Failed"))
                .body("error.code", equalTo("HelmInstallFailed"));
        as(c.tenant().owner()).get(extension(c, "certs")).then()
                .body("properties.provisioningState", equalTo("Failed"))
                .body("properties.errorInfo.message", equalTo("chart not found"));
        agent(c).contentType("application/json").body("{\"installState\":\"Sideways\"}")
                .post(c.path() + "/extensions/certs/status").then().statusCode(400);
        agent(c).contentType("application/json").body("{}").post(c.path() + "/nothing/certs/status")
                .then().statusCode(404);
    }

    @Test
    void withAConnectedAgentADeleteWaitsForTheRemovalReport() {
        Onboarded c = onboarded("ext-removed");
        put(c, "certs").then().statusCode(201);
        connected(c);
        Response accepted = as(c.tenant().owner()).delete(extension(c, "certs"));
        accepted.then().statusCode(202);
        agent(c).get(c.path() + "/configurations").then().statusCode(200)
                .body("extensions[0].desiredState", equalTo("remove"))
                .body("extensions[0].protectedSettings", nullValue());
        as(c.tenant().owner()).get(extension(c, "certs")).then().body("properties.provisioningState",
                equalTo("Deleting"));
        agent(c).post(c.path() + "/extensions/certs/removed").then().statusCode(204);
        as(c.tenant().owner()).get(extension(c, "certs")).then().statusCode(404);
        as(c.tenant().owner()).get(accepted.header("Azure-AsyncOperation")).then().statusCode(200)
                .body("status", equalTo("Succeeded"));
        as(c.tenant().owner()).get(accepted.header("Location")).then().statusCode(200);
        agent(c).get(c.path() + "/configurations").then().statusCode(200).body("extensions", empty());
    }

    @Test
    void aDeleteTheAgentNeverConfirmsFailsPointingAtForceDeleteWhichRemovesItAtOnce() {
        Onboarded c = onboarded("ext-stuck");
        put(c, "certs").then().statusCode(201);
        connected(c);
        String status = as(c.tenant().owner()).delete(extension(c, "certs")).then().statusCode(202).extract()
                .header("Azure-AsyncOperation");
        clock.advance(Duration.ofMinutes(11));
        eventually(() -> as(c.tenant().owner()).get(status).then().statusCode(200).body("status", equalTo("Failed"))
                .body("error.code", equalTo("ExtensionDeletionTimedOut"))
                .body("error.message", containsString("forceDelete=true")));
        as(c.tenant().owner()).get(extension(c, "certs")).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Failed"))
                .body("properties.errorInfo.message", containsString("forceDelete=true"));
        // The agent is still asked to remove it (its calls are signed with the real time, so the row tells).
        assertThat(jdbc.queryForObject("select removal_requested from cluster_extensions e join connected_clusters c"
                + " on c.id = e.cluster_id where c.subscription_id = ? and e.name = 'certs'", Boolean.class,
                c.tenant().subscriptionId())).isTrue();
        as(c.tenant().owner()).delete(extension(c, "certs").replace("?", "?forceDelete=true&")).then().statusCode(200);
        as(c.tenant().owner()).get(extension(c, "certs")).then().statusCode(404);
    }

    @Test
    void withoutAConnectedAgentADeleteRemovesTheExtensionAtOnce() {
        Onboarded c = onboarded("ext-offline");
        put(c, "certs").then().statusCode(201);
        as(c.tenant().owner()).delete(extension(c, "certs")).then().statusCode(200);
        as(c.tenant().owner()).get(extension(c, "certs")).then().statusCode(404);
        as(c.tenant().owner()).delete(extension(c, "certs")).then().statusCode(204);
    }
}

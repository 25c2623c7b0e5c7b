package dev.mooring.dataplane;

import static dev.mooring.testing.Eventually.eventually;
import static dev.mooring.testing.Eventually.eventuallyTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import dev.mooring.configurations.LongPolls;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Configurations reach the cluster's own agent, and what it reports reaches ARM. */
class ConfigurationDeliveryTest extends AgentTestBase {

    private static final String SECRET = "p@ss-" + java.util.UUID.randomUUID();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    HeartbeatBuffer heartbeats;

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String configuration(Onboarded c, String name) {
        return c.resourceId() + "/providers/Microsoft.KubernetesConfiguration/sourceControlConfigurations/" + name
                + "?api-version=2023-05-01";
    }

    private void put(Onboarded c, String name) {
        as(c.tenant().owner()).contentType("application/json")
                .body("{\"properties\":{\"repositoryUrl\":\"https://git.example.test/" + name + "\","
                        + "\"configurationProtectedSettings\":{\"httpsUser\":\"" + b64("bot") + "\",\"httpsKey\":\""
                        + b64(SECRET) + "\"}}}")
                .put(configuration(c, name)).then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }

    @Test
    void theAgentGetsItsConfigurationsWithDecryptedSettingsAndA304WhenNothingChanged() {
        Onboarded c = onboarded("delivered");
        put(c, "gitops");
        Response first = agent(c).get(c.path() + "/configurations");
        first.then().statusCode(200)
                .body("configurations[0].name", equalTo("gitops"))
                .body("configurations[0].desiredState", equalTo("apply"))
                .body("configurations[0].protectedSettings.httpsKey", equalTo(b64(SECRET)));
        String etag = first.header("ETag");
        assertThat(etag).isEqualTo("\"1\"");
        agent(c).header("If-None-Match", etag).get(c.path() + "/configurations").then().statusCode(304);
        heartbeat(c, "1.30.2", 1).then().body("configurationVersion", equalTo(etag));
        assertThat(jdbc.queryForObject("select count(*) from source_control_configurations s join connected_clusters c"
                + " on c.id = s.cluster_id where c.subscription_id = ? and s.protected_settings_fetched_at is not null",
                Integer.class, c.tenant().subscriptionId())).isEqualTo(1);
    }

    @Test
    void aLongPollingAgentSeesANewConfigurationWithinASecond() throws Exception {
        Onboarded c = onboarded("polling");
        String etag = agent(c).get(c.path() + "/configurations").then().statusCode(200).extract().header("ETag");
        CompletableFuture<Response> poll = CompletableFuture.supplyAsync(() ->
                agent(c).header("If-None-Match", etag).get(c.path() + "/configurations?waitSeconds=20"));
        UUID clusterId = jdbc.queryForObject("select id from connected_clusters where subscription_id = ? and name_key = ?",
                UUID.class, c.tenant().subscriptionId(), c.name());
        // A new cluster: it has a waiter once this poll has reached the wait, and not before.
        eventuallyTrue("the poll waits for a change", () -> LongPolls.waitedOn(context, clusterId));
        Instant changed = Instant.now();
        put(c, "late");
        Response answer = poll.get();
        Duration seen = Duration.between(changed, Instant.now());
        answer.then().statusCode(200).body("configurations[0].name", equalTo("late"));
        assertThat(seen).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anotherClustersAgentGetsNothing() {
        Onboarded mine = onboarded("holder");
        put(mine, "private");
        Onboarded other = onboarded("snoop");
        anonymous().header("Authorization", other.agent().callAuthorization(other.dataPlane()))
                .get(mine.path() + "/configurations").then().statusCode(403);
        agent(other).get(other.path() + "/configurations").then().statusCode(200)
                .body("configurations.size()", equalTo(0));
    }

    @Test
    void complianceReportsShowInArm() {
        Onboarded c = onboarded("reporting");
        put(c, "gitops");
        agent(c).contentType("application/json").body("{\"complianceState\":\"Installed\",\"message\":\"applied\","
                        + "\"messageLevel\":\"Info\",\"lastConfigApplied\":\"2026-11-21T10:00:00Z\","
                        + "\"repositoryPublicKey\":\"ssh-rsa AAAAB3Nza test\"}")
                .post(c.path() + "/configurations/gitops/status").then().statusCode(204);
        as(c.tenant().owner()).get(configuration(c, "gitops")).then().statusCode(200)
                .body("properties.complianceStatus.complianceState", equalTo("Installed"))
                .body("properties.complianceStatus.messageLevel", equalTo("Information"))
                .body("properties.complianceStatus.message", equalTo("applied"))
                .body("properties.repositoryPublicKey", equalTo("ssh-rsa AAAAB3Nza test"));
        agent(c).contentType("application/json").body("{\"complianceState\":\"Happy\"}")
                .post(c.path() + "/configurations/gitops/status").then().statusCode(400);
        agent(c).contentType("application/json").body("{\"complianceState\":\"Failed\"}")
                .post(c.path() + "/configurations/nope/status").then().statusCode(404);
    }

    /** The agent beats and its beat is stored: the cluster reads Connected. */
    private void connected(Onboarded c) {
        heartbeat(c, "1.30.2", 1).then().statusCode(200);
        heartbeats.flush();
    }

    private Response deleteWaitingForTheAgent(Onboarded c, String name) {
        Response waiting = as(c.tenant().owner()).delete(configuration(c, name));
        waiting.then().statusCode(200)
                .header("Azure-AsyncOperation", containsString(
                        "/providers/Microsoft.KubernetesConfiguration/locations/eastus/operationStatuses/"))
                .header("Retry-After", equalTo("1"))
                .header("Location", nullValue());
        return waiting;
    }

    @Test
    void theAgentsAcknowledgementCompletesTheDelete() {
        Onboarded c = onboarded("removing");
        connected(c);
        put(c, "going");
        Response waiting = deleteWaitingForTheAgent(c, "going");
        String status = waiting.header("Azure-AsyncOperation");
        as(c.tenant().owner()).get(status).then().statusCode(200).body("status", equalTo("InProgress"));
        as(c.tenant().owner()).get(configuration(c, "going")).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Deleting"));
        agent(c).get(c.path() + "/configurations").then().statusCode(200)
                .body("configurations[0].desiredState", equalTo("remove"))
                .body("configurations[0].protectedSettings", nullValue());
        agent(c).post(c.path() + "/configurations/going/removed").then().statusCode(204);
        as(c.tenant().owner()).get(configuration(c, "going")).then().statusCode(404);
        as(c.tenant().owner()).get(status).then().statusCode(200).body("status", equalTo("Succeeded"));
        as(c.tenant().owner()).delete(configuration(c, "going")).then().statusCode(204);
    }

    @Test
    void aConnectedAgentThatNeverConfirmsFailsTheDeleteAndTheConfigurationStays() {
        Onboarded c = onboarded("silent");
        connected(c);
        put(c, "stuck");
        String status = deleteWaitingForTheAgent(c, "stuck").header("Azure-AsyncOperation");
        as(c.tenant().owner()).delete(configuration(c, "stuck")).then().statusCode(409);
        clock.advance(DELETION_GRACE_PERIOD);
        eventually(() -> as(c.tenant().owner()).get(status).then().statusCode(200).body("status", equalTo("Failed")));
        as(c.tenant().owner()).get(status).then()
                .body("error.code", equalTo("AgentDidNotConfirmRemoval"))
                .body("error.message", containsString("did not confirm removing the configuration 'stuck'"));
        as(c.tenant().owner()).get(configuration(c, "stuck")).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Failed"));
        agent(c).get(c.path() + "/configurations").then().statusCode(200)
                .body("configurations[0].desiredState", equalTo("apply"));
        // Deleting again waits for the agent again; this time it confirms.
        deleteWaitingForTheAgent(c, "stuck");
        agent(c).post(c.path() + "/configurations/stuck/removed").then().statusCode(204);
        as(c.tenant().owner()).get(configuration(c, "stuck")).then().statusCode(404);
    }

    @Test
    void anAgentThatGoesOfflineWhileTheDeleteWaitsNoLongerHoldsItBack() {
        Onboarded c = onboarded("leaving");
        connected(c);
        put(c, "going");
        String status = deleteWaitingForTheAgent(c, "going").header("Azure-AsyncOperation");
        clock.advance(Duration.ofMinutes(16));
        eventually(() -> as(c.tenant().owner()).get(status).then().statusCode(200).body("status", equalTo("Succeeded")));
        as(c.tenant().owner()).get(configuration(c, "going")).then().statusCode(404);
    }

    @Test
    void aDeleteIsImmediateWhenTheAgentIsNotConnected() {
        Onboarded never = onboarded("never-heard");
        put(never, "gone");
        as(never.tenant().owner()).delete(configuration(never, "gone")).then().statusCode(200)
                .header("Azure-AsyncOperation", nullValue()).header("Location", nullValue());
        as(never.tenant().owner()).get(configuration(never, "gone")).then().statusCode(404);

        Onboarded offline = onboarded("offline");
        connected(offline);
        put(offline, "gone");
        // Silent for an hour (rather than moving the clock, which would also expire the agent's call tokens).
        jdbc.update("update cluster_heartbeats set last_seen = last_seen - interval '1 hour' where cluster_id ="
                + " (select id from connected_clusters where subscription_id = ?)", offline.tenant().subscriptionId());
        as(offline.tenant().owner()).get(offline.resourceId() + "?api-version=2024-01-01").then()
                .body("properties.connectivityStatus", equalTo("Offline"));
        as(offline.tenant().owner()).delete(configuration(offline, "gone")).then().statusCode(200)
                .header("Azure-AsyncOperation", nullValue());
        // The agent, back, no longer finds it in its desired state (the reference agent then prunes it).
        agent(offline).get(offline.path() + "/configurations").then().statusCode(200)
                .body("configurations.size()", equalTo(0));
        as(offline.tenant().owner()).delete(configuration(offline, "gone")).then().statusCode(204);
    }
}

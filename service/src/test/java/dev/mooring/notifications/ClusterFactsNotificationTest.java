package dev.mooring.notifications;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.clusters.ClusterDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The facts Mooring already records become events in the same transaction: agent and Kubernetes upgrades (from the
 * agent's reports), an identity about to expire, a cluster created and deleted. The timeline keeps its events.
 */
class ClusterFactsNotificationTest extends NotificationTestBase {

    @Autowired
    ClusterDirectory clusters;

    @Autowired
    IdentityExpiryWarnings expiryWarnings;

    @Test
    void upgradesExpiringIdentitiesAndTheClusterLifecycleAreSent() throws Exception {
        Tenant t = readyTenant();
        String group = t.subscriptionPath() + "/resourceGroups/rg";
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            subscribe(t, group, "facts", webhook(receiver.url(), "\"filter\":{\"includedEventTypes\":["
                    + "\"" + EventTypes.AGENT_VERSION_CHANGED + "\",\"" + EventTypes.KUBERNETES_VERSION_CHANGED + "\","
                    + "\"" + EventTypes.IDENTITY_EXPIRING_SOON + "\",\"" + EventTypes.CLUSTER_CREATED + "\","
                    + "\"" + EventTypes.CLUSTER_DELETED + "\"]}"));
            UUID cluster = createCluster(t, "facts");
            String clusterId = clusterId(t, "facts");
            eventually(() -> assertThat(types(receiver)).containsExactly(EventTypes.CLUSTER_CREATED));

            clusters.recordAgentReport(cluster, new ClusterDirectory.AgentReport("1.20.0", "v1.30.1", 3, 12, "k3s"));
            clusters.recordAgentReport(cluster, new ClusterDirectory.AgentReport("1.21.0", "v1.30.1", 3, 12, "k3s"));
            clusters.recordAgentReport(cluster, new ClusterDirectory.AgentReport("1.21.0", "v1.31.0", 4, 16, "k3s"));
            clock.advance(Duration.ofMinutes(2).plusSeconds(1));
            eventually(() -> assertThat(types(receiver)).hasSize(3));
            JsonNode agent = receiver.events().stream()
                    .filter(e -> e.get("type").stringValue().equals(EventTypes.AGENT_VERSION_CHANGED)).findFirst().orElseThrow();
            assertThat(agent.get("data").get("before").get("agentVersion").stringValue()).isEqualTo("1.20.0");
            assertThat(agent.get("data").get("after").get("agentVersion").stringValue()).isEqualTo("1.21.0");
            JsonNode kubernetes = receiver.events().stream()
                    .filter(e -> e.get("type").stringValue().equals(EventTypes.KUBERNETES_VERSION_CHANGED)).findFirst()
                    .orElseThrow();
            assertThat(kubernetes.get("data").get("after").get("kubernetesVersion").stringValue()).isEqualTo("v1.31.0");
            assertThat(kubernetes.get("subject").stringValue()).isEqualTo(clusterId);

            Instant expires = clock.instant().plus(Duration.ofDays(10));
            clusters.recordIdentityCertificate(cluster, expires);
            assertThat(expiryWarnings.warn()).isEqualTo(1);
            assertThat(expiryWarnings.warn()).as("once per certificate").isZero();
            eventually(() -> assertThat(types(receiver)).hasSize(4).contains(EventTypes.IDENTITY_EXPIRING_SOON));

            assertThat(jdbc.queryForList("select kind from cluster_events where cluster_id = ? order by id", String.class,
                    cluster)).as("the timeline keeps every fact").containsExactly("MetadataChanged", "MetadataChanged",
                    "MetadataChanged", "IdentityExpiringSoon");

            as(t.owner()).delete(clusterId + "?api-version=2024-01-01").then().statusCode(202);
            eventually(() -> assertThat(types(receiver)).hasSize(5).endsWith(EventTypes.CLUSTER_DELETED));
        }
    }

    private static java.util.List<String> types(WebhookReceiver receiver) {
        return receiver.events().stream().map(e -> e.get("type").stringValue()).toList();
    }
}

package dev.mooring.connect;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.agent.TestConnectAgent;
import dev.mooring.testing.ServiceTest;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** An agent identity that stops being valid (revoked, expired, its cluster deleted) loses its tunnels within seconds. */
class TunnelRevocationTest extends ServiceTest {

    @Autowired
    TunnelRouter router;

    @Autowired
    JdbcTemplate jdbc;

    private record Connected(Tenant tenant, String resourceId, UUID clusterId, TestConnectAgent agent, List<UUID> tunnels) {
    }

    private Connected connect(String name) throws Exception {
        Tenant tenant = newTenant();
        as(tenant.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(tenant.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        registerProvider(tenant, "Microsoft.Kubernetes");
        KeyPair onboarding = TestConnectAgent.newOnboardingKey();
        String resourceId = tenant.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/"
                + name;
        as(tenant.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"identity\":{\"type\":"
                        + "\"SystemAssigned\"},\"properties\":{\"agentPublicKeyCertificate\":\""
                        + TestConnectAgent.agentPublicKeyCertificate(onboarding) + "\"}}")
                .put(resourceId + "?api-version=2024-01-01").then().statusCode(201);
        UUID clusterId = jdbc.queryForObject("select id from connected_clusters where subscription_id = ? and name_key = ?",
                UUID.class, tenant.subscriptionId(), name);
        TestConnectAgent agent = TestConnectAgent.start("http://localhost:" + port + "/dataplane/eastus",
                tenant.subscriptionId().toString(), "rg", name, "eastus", onboarding, URI.create("http://127.0.0.1:9/"),
                "sa-token", "pod-a").awaitConnected(Duration.ofSeconds(10));
        List<UUID> tunnels = eventually(() -> {
            List<UUID> ids = router.tunnelsOf(clusterId).stream().map(TunnelRouter.AgentTunnel::id).toList();
            assertThat(ids).isNotEmpty();
            return ids;
        });
        // Agents that reach Mooring directly hold their tunnel on a plain upgraded stream, not a WebSocket.
        assertThat(router.tunnelsOf(clusterId)).allSatisfy(t -> assertThat(t.tunnel()).isInstanceOf(
                StreamTunnelUpgrade.class));
        return new Connected(tenant, resourceId, clusterId, agent, tunnels);
    }

    private void assertTunnelsClosed(Connected c) {
        eventually(Duration.ofSeconds(15), () -> assertThat(router.tunnelsOf(c.clusterId()))
                .extracting(TunnelRouter.AgentTunnel::id).doesNotContainAnyElementsOf(c.tunnels()));
    }

    /** Connects an agent, makes its identity invalid with {@code invalidate}, and expects its tunnels to close. */
    private void assertInvalidationClosesTunnels(String name, java.util.function.Consumer<Connected> invalidate)
            throws Exception {
        Connected c = connect(name);
        try {
            invalidate.accept(c);
            assertTunnelsClosed(c);
        } finally {
            c.agent().close();
        }
    }

    @Test
    void revokingTheCertificateClosesItsTunnel() throws Exception {
        assertInvalidationClosesTunnels("revoked", c -> jdbc.update(
                "update agent_certificates set revoked_at = now() where cluster_id = ?", c.clusterId()));
    }

    @Test
    void anExpiredCertificateLosesItsTunnel() throws Exception {
        assertInvalidationClosesTunnels("expired", c -> jdbc.update(
                "update agent_certificates set not_after = now() where cluster_id = ?", c.clusterId()));
    }

    @Test
    void deletingTheClusterClosesItsTunnel() throws Exception {
        assertInvalidationClosesTunnels("deleted", c -> as(c.tenant().owner())
                .delete(c.resourceId() + "?api-version=2024-01-01").then().statusCode(202));
    }

    @Test
    void aWebSocketTunnelAsAgentsBehindAProxyDialItIsHeldAndRevokedAlike() throws Exception {
        Connected c = connect("websocket");
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            dev.mooring.tunnel.WebSocketTunnelClient webSocket = dev.mooring.tunnel.WebSocketTunnelClient.dial(http,
                    URI.create("ws://localhost:" + port + "/dataplane/eastus/v1/clusters/" + c.tenant().subscriptionId()
                            + "/rg/websocket/tunnel"), java.util.Map.of("Authorization", c.agent().authorization(),
                            TunnelEndpoints.AGENT_INSTANCE_HEADER, "behind-a-proxy"), null,
                    dev.mooring.tunnel.WebSocketTunnelClient.Options.defaults());
            eventually(() -> assertThat(router.tunnelsOf(c.clusterId())).anySatisfy(t -> {
                assertThat(t.agentInstance()).isEqualTo("behind-a-proxy");
                assertThat(t.tunnel()).isInstanceOf(ServerTunnel.class);
            }));
            jdbc.update("update agent_certificates set revoked_at = now() where cluster_id = ?", c.clusterId());
            assertThat(webSocket.closed().get(15, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
        } finally {
            c.agent().close();
        }
    }
}

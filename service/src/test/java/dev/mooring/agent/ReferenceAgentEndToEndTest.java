package dev.mooring.agent;

import static dev.mooring.testing.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.dataplane.PendingHeartbeats;
import dev.mooring.testing.ServiceTest;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reference agent (agent/ module) end to end: against the running service, with fabric8's Kubernetes
 * mock server in CRUD mode standing in for the cluster's API server. This test sits in the agent's package
 * to drive the agent's steps one by one.
 */
@EnableKubernetesMockClient(crud = true)
class ReferenceAgentEndToEndTest extends ServiceTest {

    static KubernetesClient kubernetes;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    @Test
    void theAgentOnboardsReportsSyncsConfigurationsAndStopsWhenItsClusterIsDeleted() throws Exception {
        for (String node : new String[] {"node-a", "node-b"}) {
            kubernetes.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata()
                    .withNewStatus().addToCapacity("cpu", new Quantity("4")).withNewNodeInfo().withKubeletVersion("v1.30.2")
                    .endNodeInfo().endStatus().build()).create();
        }
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        registerProvider(t, "Microsoft.Kubernetes");
        registerProvider(t, "Microsoft.KubernetesConfiguration");
        KeyPair onboarding = TestConnectAgent.newOnboardingKey();
        String cluster = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/edge";
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},"
                        + "\"properties\":{\"agentPublicKeyCertificate\":\"" + TestConnectAgent.agentPublicKeyCertificate(onboarding) + "\"}}")
                .put(cluster + "?api-version=2024-01-01").then().statusCode(201);

        Path state = Files.createTempDirectory("agent-state");
        AgentSettings settings = new AgentSettings(t.subscriptionId().toString(), "rg", "edge", "eastus",
                t.tenantId().toString(), Pems.write(onboarding.getPrivate()), "http://localhost:" + port + "/dataplane/eastus",
                state, null, null, null, null, null, null, null);
        Agent agent = newAgent(settings);
        agent.ensureIdentity();
        agent.heartbeat();
        awaitArm(t, cluster, "properties.connectivityStatus", "Connected");
        as(t.owner()).get(cluster + "?api-version=2024-01-01").then()
                .body("properties.kubernetesVersion", equalTo("v1.30.2"))
                .body("properties.totalNodeCount", equalTo(2))
                .body("properties.totalCoreCount", equalTo(8))
                .body("properties.agentVersion", equalTo(Agent.VERSION));

        // A restart keeps the identity: no second onboarding.
        Agent restarted = newAgent(settings);
        restarted.ensureIdentity();
        restarted.heartbeat();
        assertThat(jdbc.queryForObject("select count(*) from agent_certificates a join connected_clusters c on c.id = a.cluster_id"
                + " where c.subscription_id = ?", Integer.class, t.subscriptionId())).isEqualTo(1);

        String configuration = cluster + "/providers/Microsoft.KubernetesConfiguration/sourceControlConfigurations/gitops"
                + "?api-version=2023-05-01";
        String key = Base64.getEncoder().encodeToString("token-123".getBytes(StandardCharsets.UTF_8));
        as(t.owner()).contentType("application/json").body("{\"properties\":{\"repositoryUrl\":\"https://git.example.test/fleet\","
                        + "\"operatorNamespace\":\"flux\",\"configurationProtectedSettings\":{\"httpsUser\":\"" + key
                        + "\",\"httpsKey\":\"" + key + "\"}}}")
                .put(configuration).then().statusCode(201);
        restarted.syncConfigurations(0);
        var configMap = kubernetes.configMaps().inNamespace("flux").withName("mooring-config-gitops").get();
        assertThat(configMap.getData()).containsEntry("repositoryUrl", "https://git.example.test/fleet");
        assertThat(kubernetes.secrets().inNamespace("flux").withName("mooring-config-gitops").get().getData())
                .containsEntry("httpsKey", key);
        as(t.owner()).get(configuration).then().body("properties.complianceStatus.complianceState", equalTo("Installed"));

        // The agent is Connected: the delete waits for it to take the configuration off the cluster.
        as(t.owner()).delete(configuration).then().statusCode(200);
        as(t.owner()).get(configuration).then().statusCode(200).body("properties.provisioningState", equalTo("Deleting"));
        restarted.syncConfigurations(0);
        assertThat(kubernetes.configMaps().inNamespace("flux").withName("mooring-config-gitops").get()).isNull();
        as(t.owner()).get(configuration).then().statusCode(404);

        // Deleted while the agent is away: gone at once, and the agent prunes it from the cluster when it is back.
        String away = configuration.replace("/gitops?", "/while-away?");
        as(t.owner()).contentType("application/json").body("{\"properties\":{\"repositoryUrl\":\"https://git.example.test/a\","
                        + "\"operatorNamespace\":\"apps\",\"configurationProtectedSettings\":{\"httpsUser\":\"" + key
                        + "\",\"httpsKey\":\"" + key + "\"}}}")
                .put(away).then().statusCode(201);
        restarted.syncConfigurations(0);
        assertThat(kubernetes.configMaps().inNamespace("apps").withName("mooring-config-while-away").get()).isNotNull();
        // The agent's last beat may still be in the buffer: write it first, or its flush would undo the change below.
        PendingHeartbeats.flush(context);
        jdbc.update("update cluster_heartbeats set last_seen = last_seen - interval '1 hour' where cluster_id ="
                + " (select id from connected_clusters where subscription_id = ? and name_key = 'edge')", t.subscriptionId());
        awaitArm(t, cluster, "properties.connectivityStatus", "Offline");
        as(t.owner()).delete(away).then().statusCode(200).header("Azure-AsyncOperation", org.hamcrest.Matchers.nullValue());
        as(t.owner()).get(away).then().statusCode(404);
        restarted.heartbeat();
        restarted.syncConfigurations(0);
        assertThat(kubernetes.configMaps().inNamespace("apps").withName("mooring-config-while-away").get()).isNull();
        assertThat(kubernetes.secrets().inNamespace("apps").withName("mooring-config-while-away").get()).isNull();

        awaitArm(t, cluster, "properties.provisioningState", "Succeeded");
        as(t.owner()).delete(cluster + "?api-version=2024-01-01").then().statusCode(202);
        eventually(() -> as(t.owner()).get(cluster + "?api-version=2024-01-01").then().statusCode(404));
        CompletableFuture<Void> running = CompletableFuture.runAsync(restarted::run);
        running.get(20, TimeUnit.SECONDS);
        assertThat(restarted.stopped()).isTrue();
    }

    @Test
    void theAgentAppliesItsArcAgentryConfigurationsAndRemovesThoseNoLongerConfigured() throws Exception {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        registerProvider(t, "Microsoft.Kubernetes");
        KeyPair onboarding = TestConnectAgent.newOnboardingKey();
        String cluster = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/agentry"
                + "?api-version=2026-05-01";
        String body = "{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{"
                + "\"agentPublicKeyCertificate\":\"" + TestConnectAgent.agentPublicKeyCertificate(onboarding) + "\","
                + "\"arcAgentryConfigurations\":[%s]}}";
        as(t.owner()).contentType("application/json").body(body.formatted("{\"feature\":\"Proxy\",\"settings\":"
                + "{\"mode\":\"strict\"},\"protectedSettings\":{\"token\":\"t0ken\"}}")).put(cluster).then().statusCode(201);
        Path state = Files.createTempDirectory("agent-state");
        AgentSettings settings = new AgentSettings(t.subscriptionId().toString(), "rg", "agentry", "eastus",
                t.tenantId().toString(), Pems.write(onboarding.getPrivate()), "http://localhost:" + port + "/dataplane/eastus",
                state, null, null, null, null, null, null, null);
        Agent agent = newAgent(settings);
        agent.ensureIdentity();
        agent.syncProfile();
        String name = AgentrySync.name("Proxy");
        assertThat(kubernetes.configMaps().inNamespace(AgentrySync.NAMESPACE).withName(name).get().getData())
                .containsEntry("mode", "strict");
        var secret = kubernetes.secrets().inNamespace(AgentrySync.NAMESPACE).withName(name).get();
        assertThat(secret.getStringData() != null && "t0ken".equals(secret.getStringData().get("token"))
                || secret.getData() != null && Base64.getEncoder().encodeToString("t0ken".getBytes(StandardCharsets.UTF_8))
                        .equals(secret.getData().get("token"))).isTrue();

        awaitProvisioned(t.owner(), cluster);
        as(t.owner()).contentType("application/json").body(body.formatted("")).put(cluster).then().statusCode(200);
        agent.syncProfile();
        assertThat(kubernetes.configMaps().inNamespace(AgentrySync.NAMESPACE).withName(name).get()).isNull();
        assertThat(kubernetes.secrets().inNamespace(AgentrySync.NAMESPACE).withName(name).get()).isNull();
    }

    private Agent newAgent(AgentSettings settings) {
        return new Agent(settings, new MooringClient(settings), ClusterFacts.fromKubernetes(kubernetes),
                new ConfigurationSync(kubernetes), Clock.systemUTC());
    }

    private void awaitArm(Tenant t, String cluster, String path, String expected) {
        eventually(() -> as(t.owner()).get(cluster + "?api-version=2024-01-01").then().body(path, equalTo(expected)));
    }
}

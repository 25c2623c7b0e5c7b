package dev.mooring.dataplane;

import dev.mooring.testing.ServiceTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A tenant with a connected cluster whose test agent has onboarded. */
abstract class AgentTestBase extends ServiceTest {

    record Onboarded(Tenant tenant, String name, String resourceId, TestAgent agent, String dataPlane, String path) {
    }

    Onboarded onboarded(String name) {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        registerProvider(t, "Microsoft.Kubernetes");
        registerProvider(t, "Microsoft.KubernetesConfiguration");
        TestAgent agent = new TestAgent();
        String resourceId = as(t.owner()).contentType("application/json")
                .body("{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":"
                        + "{\"agentPublicKeyCertificate\":\"" + agent.agentPublicKeyCertificate() + "\"}}")
                .put(t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/" + name
                        + "?api-version=2024-01-01").then().statusCode(201).extract().path("id");
        String dataPlane = "http://localhost:" + port + "/dataplane/eastus";
        String path = "/dataplane/eastus/v1/clusters/" + t.subscriptionId() + "/rg/" + name;
        String token = agent.onboardingToken(dataPlane, resourceId, Duration.ofMinutes(4), UUID.randomUUID().toString());
        agent.accept(anonymous().contentType("application/json").body(agent.onboardBody(token)).post(path + "/onboard")
                .then().statusCode(200).extract().path("certificate"));
        return new Onboarded(t, name, resourceId, agent, dataPlane, path);
    }

    io.restassured.specification.RequestSpecification agent(Onboarded c) {
        return anonymous().header("Authorization", c.agent().callAuthorization(c.dataPlane()));
    }

    @Autowired
    private JdbcTemplate rows;

    /** The internal id of the onboarded cluster (what agent certificates and configuration versions name). */
    UUID clusterIdOf(Onboarded c) {
        return rows.queryForObject("select id from connected_clusters where subscription_id = ? and name_key = ?",
                UUID.class, c.tenant().subscriptionId(), c.name());
    }

    Response heartbeat(Onboarded c, String kubernetesVersion, int nodes) {
        return agent(c).contentType("application/json").body("{\"agentVersion\":\"0.1.0\",\"kubernetesVersion\":\""
                + kubernetesVersion + "\",\"totalNodeCount\":" + nodes + ",\"totalCoreCount\":" + (nodes * 4)
                + ",\"offering\":\"k3s\",\"components\":[{\"name\":\"config-agent\",\"readyReplicas\":1,"
                + "\"desiredReplicas\":1}],\"agentTime\":\"2026-11-21T10:00:00Z\"}").post(c.path() + "/heartbeat");
    }
}

package dev.mooring.agent;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.testing.ServiceTest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A flux configuration from ARM to Flux's objects and back: the reference agent (against the running service and
 * fabric8's mock API server in CRUD mode) writes the source and Kustomizations, reports Pending until Flux's
 * conditions say Ready, then Compliant; a delete removes its objects and the configuration.
 */
@EnableKubernetesMockClient(crud = true)
class FluxAgentEndToEndTest extends ServiceTest {

    static KubernetesClient kubernetes;

    @Test
    void fromAGitRepositoryToACompliantClusterAndBack() throws Exception {
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
        Agent agent = new Agent(settings, new MooringClient(settings), ClusterFacts.fromKubernetes(kubernetes),
                new ConfigurationSync(kubernetes), Clock.systemUTC());
        agent.ensureIdentity();
        agent.heartbeat();
        eventually(() -> as(t.owner()).get(cluster + "?api-version=2024-01-01").then()
                .body("properties.connectivityStatus", equalTo("Connected")));

        String flux = cluster + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/fleet?api-version=2025-04-01";
        as(t.owner()).contentType("application/json").body("""
                {"properties":{"namespace":"flux-system","gitRepository":{"url":"https://github.com/example/fleet",
                 "repositoryRef":{"branch":"main"}},
                 "kustomizations":{"infra":{"path":"./infra"},"apps":{"path":"./apps","dependsOn":["infra"]}}}}""")
                .put(flux).then().statusCode(201);
        agent.syncConfigurations(0);
        assertThat(names(FluxObjects.KUSTOMIZATION)).containsExactlyInAnyOrder("fleet-infra", "fleet-apps");
        assertThat(names(FluxObjects.GIT_REPOSITORY)).containsExactly("fleet");
        as(t.owner()).get(flux).then().body("properties.complianceState", equalTo("Pending"))
                .body("properties.statuses.size()", equalTo(3));

        // Flux's controllers do their work: the objects read Ready, and the next round reports Compliant.
        for (var object : List.of(List.of(FluxObjects.GIT_REPOSITORY, "fleet"), List.of(FluxObjects.KUSTOMIZATION, "fleet-infra"),
                List.of(FluxObjects.KUSTOMIZATION, "fleet-apps"))) {
            ready((ResourceDefinitionContext) object.get(0), (String) object.get(1));
        }
        agent.syncConfigurations(0);
        as(t.owner()).get(flux).then().body("properties.complianceState", equalTo("Compliant"))
                .body("properties.sourceSyncedCommitId", equalTo("main@sha1:0ba6f0d3"));

        as(t.owner()).delete(flux).then().statusCode(202);
        agent.syncConfigurations(0);
        assertThat(names(FluxObjects.KUSTOMIZATION)).isEmpty();
        assertThat(names(FluxObjects.GIT_REPOSITORY)).isEmpty();
        as(t.owner()).get(flux).then().statusCode(404);
    }

    private static void ready(ResourceDefinitionContext kind, String name) {
        var resources = kubernetes.genericKubernetesResources(kind).inNamespace("flux-system");
        GenericKubernetesResource object = resources.withName(name).get();
        object.setAdditionalProperty("status", Map.of(
                "conditions", List.of(Map.of("type", "Ready", "status", "True", "reason", "Succeeded",
                        "message", "Applied revision: main@sha1:0ba6f0d3", "lastTransitionTime", "2026-11-26T05:00:00Z")),
                "artifact", Map.of("revision", "main@sha1:0ba6f0d3", "lastUpdateTime", "2026-11-26T05:00:00Z")));
        resources.resource(object).update();
    }

    private static List<String> names(ResourceDefinitionContext kind) {
        return kubernetes.genericKubernetesResources(kind).inNamespace("flux-system").list().getItems().stream()
                .map(o -> o.getMetadata().getName()).toList();
    }
}

package dev.mooring.agent;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.testing.ServiceTest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference agent turns extensions into Flux's objects (fabric8's Kubernetes mock server in CRUD mode stands in
 * for the API server, and the test plays Flux's controllers by writing the HelmRelease's status), reports their state
 * from the HelmRelease's conditions, and removes only what it created.
 */
@EnableKubernetesMockClient(crud = true)
class ExtensionAgentTest extends ServiceTest {

    static KubernetesClient kubernetes;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "token-" + java.util.UUID.randomUUID();

    @Test
    void anExtensionBecomesAnOciRepositoryAndAHelmReleaseAndItsStateFollowsTheRelease() throws Exception {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        registerProvider(t, "Microsoft.Kubernetes");
        registerProvider(t, "Microsoft.KubernetesConfiguration");
        KeyPair onboarding = TestConnectAgent.newOnboardingKey();
        String cluster = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/edge";
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},"
                        + "\"properties\":{\"agentPublicKeyCertificate\":\""
                        + TestConnectAgent.agentPublicKeyCertificate(onboarding) + "\"}}")
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

        String extension = cluster + "/providers/Microsoft.KubernetesConfiguration/extensions/certs?api-version=2025-03-01";
        as(t.owner()).contentType("application/json").body("{\"properties\":{\"extensionType\":\"jetstack.cert-manager\","
                        + "\"configurationSettings\":{\"crds.enabled\":\"true\"},"
                        + "\"configurationProtectedSettings\":{\"webhook.token\":\"" + SECRET + "\"}}}")
                .put(extension).then().statusCode(201);
        agent.syncConfigurations(0);

        GenericKubernetesResource source = get(ExtensionSync.OCI_REPOSITORY, "cert-manager", "mooring-ext-certs");
        assertThat(spec(source).get("url").stringValue()).isEqualTo("oci://quay.io/jetstack/charts/cert-manager");
        assertThat(spec(source).at("/ref/tag").stringValue()).isEqualTo("v1.17.1");
        GenericKubernetesResource release = get(ExtensionSync.HELM_RELEASE, "cert-manager", "mooring-ext-certs");
        assertThat(release.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "mooring-agent")
                .containsEntry("extensions.mooring.dev/name", "certs");
        assertThat(spec(release).at("/chartRef/name").stringValue()).isEqualTo("mooring-ext-certs");
        assertThat(spec(release).get("targetNamespace").stringValue()).isEqualTo("cert-manager");
        assertThat(spec(release).get("valuesFrom").toString())
                .contains("\"targetPath\":\"crds.enabled\"").contains("\"targetPath\":\"webhook.token\"");
        assertThat(kubernetes.configMaps().inNamespace("cert-manager").withName("mooring-ext-certs-settings").get()
                .getData()).containsEntry("crds.enabled", "true");
        assertThat(kubernetes.secrets().inNamespace("cert-manager").withName("mooring-ext-certs-protected").get()
                .getData()).containsEntry("webhook.token",
                        Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)));
        assertThat(release.toString()).doesNotContain(SECRET);
        as(t.owner()).get(extension).then().body("properties.provisioningState", equalTo("Creating"));

        // Someone else's release in the same namespace must survive the removal.
        kubernetes.genericKubernetesResources(ExtensionSync.HELM_RELEASE).inNamespace("cert-manager")
                .resource(new GenericKubernetesResourceBuilder().withApiVersion("helm.toolkit.fluxcd.io/v2")
                        .withKind("HelmRelease").withNewMetadata().withName("someone-else").withNamespace("cert-manager")
                        .endMetadata().build()).create();

        // Flux's helm-controller installs the release.
        setStatus("cert-manager", "mooring-ext-certs", "True", "InstallSucceeded", "Helm install succeeded", "v1.17.1");
        agent.syncConfigurations(0);
        as(t.owner()).get(extension).then()
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.currentVersion", equalTo("v1.17.1"))
                .body("properties.statuses[0].code", equalTo("Ready"))
                .body("properties.statuses[0].displayStatus", equalTo("InstallSucceeded"));

        as(t.owner()).delete(extension).then().statusCode(202);
        agent.syncConfigurations(0);
        as(t.owner()).get(extension).then().statusCode(404);
        assertThat(kubernetes.genericKubernetesResources(ExtensionSync.HELM_RELEASE).inNamespace("cert-manager").list()
                .getItems()).extracting(r -> r.getMetadata().getName()).containsExactly("someone-else");
        assertThat(kubernetes.genericKubernetesResources(ExtensionSync.OCI_REPOSITORY).inAnyNamespace().list()
                .getItems()).isEmpty();
        assertThat(kubernetes.secrets().inNamespace("cert-manager").withName("mooring-ext-certs-protected").get()).isNull();
        assertThat(kubernetes.namespaces().withName("cert-manager").get()).as("still holds someone else's release")
                .isNotNull();
    }

    @Test
    void aHelmRepositoryChartIsInstalledFromItsRepositoryAndAFailedReleaseIsReported() {
        ExtensionSync sync = new ExtensionSync(kubernetes);
        kubernetes.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shared").endMetadata()
                .build()).create();
        JsonNode podinfo = JSON.readTree("{\"name\":\"podinfo\",\"desiredState\":\"apply\",\"namespace\":\"shared\","
                + "\"chart\":{\"repository\":\"https://stefanprodan.github.io/podinfo\",\"name\":\"podinfo\","
                + "\"version\":\"6.7.1\"},\"configurationSettings\":{\"replicaCount\":\"2\"}}");
        sync.apply(podinfo);
        GenericKubernetesResource repository = get(ExtensionSync.HELM_REPOSITORY, "shared", "mooring-ext-podinfo");
        assertThat(spec(repository).get("url").stringValue()).isEqualTo("https://stefanprodan.github.io/podinfo");
        GenericKubernetesResource release = get(ExtensionSync.HELM_RELEASE, "shared", "mooring-ext-podinfo");
        assertThat(spec(release).at("/chart/spec/chart").stringValue()).isEqualTo("podinfo");
        assertThat(spec(release).at("/chart/spec/version").stringValue()).isEqualTo("6.7.1");
        assertThat(spec(release).at("/chart/spec/sourceRef/kind").stringValue()).isEqualTo("HelmRepository");
        assertThat(sync.status(podinfo).installState()).isEqualTo("Pending");

        setStatus("shared", "mooring-ext-podinfo", "False", "InstallFailed", "chart pull error", null);
        ExtensionSync.Report failed = sync.status(podinfo);
        assertThat(failed.installState()).isEqualTo("Failed");
        assertThat(failed.errorInfo()).containsEntry("code", "InstallFailed").containsEntry("message", "chart pull error");
        assertThat(failed.statuses()).singleElement().satisfies(s -> assertThat(s).containsEntry("level", "Error"));

        // A re-apply changes the spec and leaves the controller's status alone.
        sync.apply(podinfo);
        assertThat(sync.status(podinfo).installState()).isEqualTo("Failed");

        // No longer delivered (force-deleted): removed; the namespace it did not create stays.
        sync.removeAllBut(java.util.Set.of());
        assertThat(kubernetes.genericKubernetesResources(ExtensionSync.HELM_RELEASE).inNamespace("shared").list()
                .getItems()).isEmpty();
        assertThat(kubernetes.genericKubernetesResources(ExtensionSync.HELM_REPOSITORY).inNamespace("shared").list()
                .getItems()).isEmpty();
        assertThat(kubernetes.namespaces().withName("shared").get()).isNotNull();
    }

    private static GenericKubernetesResource get(ResourceDefinitionContext kind, String namespace, String name) {
        GenericKubernetesResource resource = kubernetes.genericKubernetesResources(kind).inNamespace(namespace)
                .withName(name).get();
        assertThat(resource).as(kind.getKind() + " " + namespace + "/" + name).isNotNull();
        return resource;
    }

    private static JsonNode spec(GenericKubernetesResource resource) {
        return JSON.valueToTree(resource.getAdditionalProperties().get("spec"));
    }

    private static void setStatus(String namespace, String name, String ready, String reason, String message,
            String revision) {
        kubernetes.genericKubernetesResources(ExtensionSync.HELM_RELEASE).inNamespace(namespace).withName(name)
                .edit(r -> {
                    Map<String, Object> status = new java.util.LinkedHashMap<>();
                    status.put("conditions", List.of(Map.of("type", "Ready", "status", ready, "reason", reason,
                            "message", message, "lastTransitionTime", "2026-11-26T05:00:00Z")));
                    if (revision != null) {
                        status.put("lastAttemptedRevision", revision);
                    }
                    r.getAdditionalProperties().put("status", status);
                    return r;
                });
    }
}

package dev.mooring.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference agent's Flux half against fabric8's Kubernetes mock server in CRUD mode: a delivered flux
 * configuration becomes Flux's own objects (source, Kustomizations, Secret), labelled as the agent's; its status
 * comes from their conditions; removal deletes exactly what the agent created.
 */
@EnableKubernetesMockClient(crud = true)
class FluxSyncTest {

    static KubernetesClient kubernetes;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode delivered(String kustomizations) {
        return JSON.readTree("""
                {"name":"fleet","namespace":"flux-system","scope":"cluster","sourceKind":"GitRepository","suspend":false,
                 "gitRepository":{"url":"https://github.com/example/fleet","timeoutInSeconds":120,
                  "syncIntervalInSeconds":300,"repositoryRef":{"branch":"main"},"httpsUser":"bot"},
                 "kustomizations":%s,
                 "secrets":{"httpsKey":"%s"}}""".formatted(kustomizations,
                Base64.getEncoder().encodeToString("token".getBytes(StandardCharsets.UTF_8))));
    }

    private static final String TWO = """
            {"infra":{"name":"infra","path":"./infra","dependsOn":[],"timeoutInSeconds":600,"syncIntervalInSeconds":600,
              "prune":true,"force":false,"wait":true},
             "apps":{"name":"apps","path":"./apps","dependsOn":["infra"],"timeoutInSeconds":600,
              "syncIntervalInSeconds":60,"prune":false,"force":false,"wait":true,
              "postBuild":{"substitute":{"env":"prod"}}}}""";

    @Test
    void aConfigurationBecomesFluxObjectsAndGoesWithoutTouchingOthers() {
        FluxSync sync = new FluxSync(kubernetes);
        GenericKubernetesResource foreign = new GenericKubernetesResourceBuilder()
                .withApiVersion("kustomize.toolkit.fluxcd.io/v1").withKind("Kustomization")
                .withNewMetadata().withName("fleet-handmade").withNamespace("flux-system").endMetadata().build();
        kubernetes.genericKubernetesResources(FluxObjects.KUSTOMIZATION).inNamespace("flux-system").resource(foreign).create();

        sync.apply(delivered(TWO));

        GenericKubernetesResource git = kubernetes.genericKubernetesResources(FluxObjects.GIT_REPOSITORY)
                .inNamespace("flux-system").withName("fleet").get();
        assertThat(git.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "mooring-agent")
                .containsEntry("mooring.dev/flux-configuration", "fleet");
        Map<String, Object> spec = spec(git);
        assertThat(spec).containsEntry("url", "https://github.com/example/fleet").containsEntry("interval", "300s")
                .containsEntry("timeout", "120s").containsEntry("ref", Map.of("branch", "main"))
                .containsEntry("secretRef", Map.of("name", "fleet-auth"));
        var secret = kubernetes.secrets().inNamespace("flux-system").withName("fleet-auth").get();
        assertThat(decode(secret.getData().get("username"))).isEqualTo("bot");
        assertThat(decode(secret.getData().get("password"))).isEqualTo("token");

        GenericKubernetesResource apps = kubernetes.genericKubernetesResources(FluxObjects.KUSTOMIZATION)
                .inNamespace("flux-system").withName("fleet-apps").get();
        assertThat(spec(apps)).containsEntry("path", "./apps").containsEntry("interval", "60s")
                .containsEntry("sourceRef", Map.of("kind", "GitRepository", "name", "fleet"))
                .containsEntry("dependsOn", List.of(Map.of("name", "fleet-infra")))
                .containsEntry("postBuild", Map.of("substitute", Map.of("env", "prod")));
        assertThat(spec(kubernetes.genericKubernetesResources(FluxObjects.KUSTOMIZATION).inNamespace("flux-system")
                .withName("fleet-infra").get())).containsEntry("prune", true);

        // An entry dropped from the configuration goes; the rest stays.
        sync.apply(delivered("""
                {"apps":{"name":"apps","path":"./apps","dependsOn":[],"syncIntervalInSeconds":60}}"""));
        assertThat(kustomizationNames()).containsExactlyInAnyOrder("fleet-apps", "fleet-handmade");

        sync.remove("fleet", "flux-system");
        assertThat(kustomizationNames()).containsExactly("fleet-handmade");
        assertThat(kubernetes.genericKubernetesResources(FluxObjects.GIT_REPOSITORY).inNamespace("flux-system")
                .withName("fleet").get()).isNull();
        assertThat(kubernetes.secrets().inNamespace("flux-system").withName("fleet-auth").get()).isNull();
    }

    @Test
    void statusComesFromTheObjectsConditions() {
        FluxSync sync = new FluxSync(kubernetes);
        JsonNode configuration = delivered(TWO).deepCopy();
        ((tools.jackson.databind.node.ObjectNode) configuration).put("name", "web");
        sync.apply(configuration);
        assertThat(sync.status(configuration)).containsEntry("complianceState", "Pending");

        setStatus(FluxObjects.GIT_REPOSITORY, "web", Map.of("conditions", List.of(ready("True", "Fetched revision: main@sha1:abc")),
                "artifact", Map.of("revision", "main@sha1:abc", "lastUpdateTime", "2026-01-01T00:00:00Z")));
        setStatus(FluxObjects.KUSTOMIZATION, "web-infra", Map.of("conditions", List.of(ready("True", "Applied"))));
        setStatus(FluxObjects.KUSTOMIZATION, "web-apps", Map.of("conditions", List.of(ready("False", "kustomize build failed"))));
        Map<String, Object> report = sync.status(configuration);
        assertThat(report).containsEntry("complianceState", "Non-Compliant")
                .containsEntry("sourceSyncedCommitId", "main@sha1:abc")
                .containsEntry("sourceUpdatedAt", "2026-01-01T00:00:00Z");
        assertThat((String) report.get("errorMessage")).contains("web-apps").contains("kustomize build failed");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> statuses = (List<Map<String, Object>>) report.get("statuses");
        assertThat(statuses).extracting(s -> s.get("name") + "=" + s.get("complianceState"))
                .containsExactlyInAnyOrder("web=Compliant", "web-infra=Compliant", "web-apps=Non-Compliant");

        setStatus(FluxObjects.KUSTOMIZATION, "web-apps", Map.of("conditions", List.of(ready("True", "Applied"))));
        assertThat(sync.status(configuration)).containsEntry("complianceState", "Compliant").containsEntry("errorMessage", "");
        sync.remove("web", "flux-system");
    }

    private static Map<String, Object> ready(String status, String message) {
        return Map.of("type", "Ready", "status", status, "message", message, "reason", "Test",
                "lastTransitionTime", "2026-01-01T00:00:00Z");
    }

    private static void setStatus(io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind, String name,
            Map<String, Object> status) {
        var resources = kubernetes.genericKubernetesResources(kind).inNamespace("flux-system");
        GenericKubernetesResource object = resources.withName(name).get();
        object.setAdditionalProperty("status", status);
        resources.resource(object).update();
    }

    private static List<String> kustomizationNames() {
        return kubernetes.genericKubernetesResources(FluxObjects.KUSTOMIZATION).inNamespace("flux-system").list()
                .getItems().stream().map(k -> k.getMetadata().getName()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    private static String decode(String value) {
        return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }
}

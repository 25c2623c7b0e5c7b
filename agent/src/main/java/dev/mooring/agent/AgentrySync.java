package dev.mooring.agent;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Applies the Arc agentry configurations to the cluster, where the agent's components read them: per feature a
 * ConfigMap {@code mooring-agentry-{feature}} of its settings and a Secret of the same name of its protected
 * settings, in the agent's namespace; features no longer configured lose both.
 */
final class AgentrySync {

    static final String NAMESPACE = "azure-arc";
    static final String PREFIX = "mooring-agentry-";
    static final String LABEL = "mooring.dev/agentry-feature";

    private final KubernetesClient kubernetes;

    AgentrySync(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
    }

    void apply(List<JsonNode> configurations) {
        Set<String> kept = new HashSet<>();
        for (JsonNode configuration : configurations) {
            String name = name(configuration.get("feature").stringValue());
            kept.add(name);
            kubernetes.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
                    .withNewMetadata().withName(name).withNamespace(NAMESPACE).addToLabels(LABEL, "true")
                    .addToLabels("app.kubernetes.io/managed-by", "mooring-agent").endMetadata()
                    .withData(strings(configuration.get("settings"))).build()).createOr(NonDeletingOperation::update);
            Map<String, String> secrets = strings(configuration.get("protectedSettings"));
            if (secrets.isEmpty()) {
                kubernetes.secrets().inNamespace(NAMESPACE).withName(name).delete();
            } else {
                kubernetes.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder()
                        .withNewMetadata().withName(name).withNamespace(NAMESPACE).addToLabels(LABEL, "true")
                        .addToLabels("app.kubernetes.io/managed-by", "mooring-agent").endMetadata()
                        .withStringData(secrets).build()).createOr(NonDeletingOperation::update);
            }
        }
        for (HasMetadata stale : kubernetes.configMaps().inNamespace(NAMESPACE).withLabel(LABEL).list().getItems()) {
            if (!kept.contains(stale.getMetadata().getName())) {
                kubernetes.configMaps().inNamespace(NAMESPACE).withName(stale.getMetadata().getName()).delete();
            }
        }
        for (HasMetadata stale : kubernetes.secrets().inNamespace(NAMESPACE).withLabel(LABEL).list().getItems()) {
            if (!kept.contains(stale.getMetadata().getName())) {
                kubernetes.secrets().inNamespace(NAMESPACE).withName(stale.getMetadata().getName()).delete();
            }
        }
    }

    /** The feature as a Kubernetes object name (lower-case letters, digits and '-'). */
    static String name(String feature) {
        String cleaned = feature.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return PREFIX + (cleaned.isEmpty() ? "feature" : cleaned);
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            object.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asString("")));
        }
        return map;
    }
}

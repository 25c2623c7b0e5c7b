package dev.mooring.agent;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Applies a desired configuration to the cluster: a ConfigMap {@code mooring-config-{name}} in the operator
 * namespace describing it (the GitOps operator's input), and a Secret beside it for its protected settings.
 * Removing deletes both.
 */
final class ConfigurationSync {

    static final String PREFIX = "mooring-config-";

    private final KubernetesClient kubernetes;

    ConfigurationSync(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
    }

    /** The cluster's API, for the other syncs that write to it. */
    KubernetesClient kubernetes() {
        return kubernetes;
    }

    void apply(JsonNode configuration) {
        String name = PREFIX + configuration.get("name").stringValue();
        String namespace = configuration.get("operatorNamespace").stringValue();
        Map<String, String> data = new LinkedHashMap<>();
        for (String field : new String[] {"repositoryUrl", "operatorInstanceName", "operatorType", "operatorScope",
                "operatorParams", "sshKnownHostsContents", "helmChartVersion", "helmChartValues"}) {
            JsonNode value = configuration.get(field);
            if (value != null && !value.isNull()) {
                data.put(field, value.asString());
            }
        }
        kubernetes.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "mooring-agent").endMetadata()
                .withData(data).build()).createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
        JsonNode secrets = configuration.get("protectedSettings");
        if (secrets != null && secrets.isObject() && !secrets.isEmpty()) {
            Map<String, String> encoded = new LinkedHashMap<>();
            secrets.properties().forEach(entry -> encoded.put(entry.getKey(), entry.getValue().stringValue()));
            kubernetes.secrets().inNamespace(namespace).resource(new SecretBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace)
                    .addToLabels("app.kubernetes.io/managed-by", "mooring-agent").endMetadata()
                    .withData(encoded).build()).createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
        }
    }

    void remove(JsonNode configuration) {
        String name = PREFIX + configuration.get("name").stringValue();
        String namespace = configuration.get("operatorNamespace").stringValue();
        kubernetes.configMaps().inNamespace(namespace).withName(name).delete();
        kubernetes.secrets().inNamespace(namespace).withName(name).delete();
    }
}

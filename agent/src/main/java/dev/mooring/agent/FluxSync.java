package dev.mooring.agent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Keeps a cluster's flux configurations in Flux's own objects ({@link FluxObjects}) and reads their status back
 * from the objects' conditions, as Arc's flux extension reports it. Flux's controllers do the work on a real
 * cluster; this writes their input and reports their output. Only objects labelled as this agent's are touched.
 */
final class FluxSync {

    private final KubernetesClient kubernetes;

    FluxSync(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
    }

    /** Creates or updates the Secret, the source and the Kustomizations; drops the Kustomizations no longer wanted. */
    void apply(JsonNode configuration) {
        String name = configuration.get("name").stringValue();
        String namespace = configuration.get("namespace").stringValue();
        Map<String, String> secret = FluxObjects.secretData(configuration);
        if (!secret.isEmpty()) {
            kubernetes.secrets().inNamespace(namespace).resource(new SecretBuilder()
                    .withNewMetadata().withName(FluxObjects.secretName(name)).withNamespace(namespace)
                    .withLabels(FluxObjects.labels(name)).endMetadata()
                    .withData(secret).build()).createOr(NonDeletingOperation::update);
        }
        GenericKubernetesResource source = FluxObjects.source(configuration, !secret.isEmpty()
                || kubernetes.secrets().inNamespace(namespace).withName(FluxObjects.secretName(name)).get() != null);
        for (ResourceDefinitionContext kind : FluxObjects.SOURCES) {
            if (!kind.getKind().equals(source.getKind())) {
                mine(kind, namespace, name).forEach(stale -> delete(kind, stale));
            }
        }
        write(FluxObjects.sourceContext(configuration), source);
        List<GenericKubernetesResource> wanted = FluxObjects.kustomizations(configuration);
        Set<String> names = wanted.stream().map(k -> k.getMetadata().getName()).collect(Collectors.toSet());
        for (GenericKubernetesResource existing : mine(FluxObjects.KUSTOMIZATION, namespace, name)) {
            if (!names.contains(existing.getMetadata().getName())) {
                delete(FluxObjects.KUSTOMIZATION, existing);
            }
        }
        wanted.forEach(k -> write(FluxObjects.KUSTOMIZATION, k));
    }

    /** Deletes everything this agent created for the configuration, and nothing else. */
    void remove(String name, String namespace) {
        mine(FluxObjects.KUSTOMIZATION, namespace, name).forEach(k -> delete(FluxObjects.KUSTOMIZATION, k));
        for (ResourceDefinitionContext kind : FluxObjects.SOURCES) {
            mine(kind, namespace, name).forEach(s -> delete(kind, s));
        }
        kubernetes.secrets().inNamespace(namespace).withLabels(FluxObjects.labels(name)).delete();
    }

    /**
     * The status report of a configuration, from its objects' {@code Ready} conditions: Compliant when every one is
     * ready, Non-Compliant when one has failed, Pending until each has said; Suspended when the configuration is.
     */
    Map<String, Object> status(JsonNode configuration) {
        String name = configuration.get("name").stringValue();
        String namespace = configuration.get("namespace").stringValue();
        List<Map<String, Object>> statuses = new ArrayList<>();
        List<GenericKubernetesResource> objects = new ArrayList<>(mine(FluxObjects.sourceContext(configuration),
                namespace, name));
        objects.addAll(mine(FluxObjects.KUSTOMIZATION, namespace, name));
        String overall = objects.isEmpty() ? "Pending" : "Compliant";
        String error = "";
        for (GenericKubernetesResource object : objects) {
            List<Map<String, Object>> conditions = conditions(object);
            String state = compliance(conditions);
            if (state.equals("Non-Compliant")) {
                overall = state;
                error = object.getKind() + " " + object.getMetadata().getName() + ": " + readyMessage(conditions);
            } else if (state.equals("Pending") && overall.equals("Compliant")) {
                overall = state;
            }
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("name", object.getMetadata().getName());
            status.put("namespace", namespace);
            status.put("kind", object.getKind());
            status.put("complianceState", state);
            status.put("statusConditions", conditions);
            statuses.add(status);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("complianceState", configuration.path("suspend").asBoolean(false) ? "Suspended" : overall);
        report.put("statuses", statuses);
        report.put("errorMessage", error);
        mine(FluxObjects.sourceContext(configuration), namespace, name).stream().findFirst().ifPresent(source -> {
            Object artifact = status(source).get("artifact");
            if (artifact instanceof Map<?, ?> a) {
                if (a.get("revision") != null) {
                    report.put("sourceSyncedCommitId", a.get("revision"));
                }
                if (a.get("lastUpdateTime") != null) {
                    report.put("sourceUpdatedAt", a.get("lastUpdateTime"));
                }
            }
        });
        return report;
    }

    private List<GenericKubernetesResource> mine(ResourceDefinitionContext kind, String namespace, String name) {
        return kubernetes.genericKubernetesResources(kind).inNamespace(namespace).withLabels(FluxObjects.labels(name))
                .list().getItems();
    }

    private void write(ResourceDefinitionContext kind, GenericKubernetesResource resource) {
        kubernetes.genericKubernetesResources(kind).inNamespace(resource.getMetadata().getNamespace()).resource(resource)
                .createOr(NonDeletingOperation::update);
    }

    private void delete(ResourceDefinitionContext kind, GenericKubernetesResource resource) {
        kubernetes.genericKubernetesResources(kind).inNamespace(resource.getMetadata().getNamespace())
                .withName(resource.getMetadata().getName()).delete();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(GenericKubernetesResource object) {
        Object status = object.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> conditions(GenericKubernetesResource object) {
        Object conditions = status(object).get("conditions");
        if (!(conditions instanceof List<?> list)) {
            return List.of();
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> c) {
                Map<String, Object> condition = new LinkedHashMap<>();
                for (String field : new String[] {"lastTransitionTime", "message", "reason", "status", "type"}) {
                    condition.put(field, c.get(field) == null ? "" : String.valueOf(c.get(field)));
                }
                result.add(condition);
            }
        }
        return result;
    }

    private static String compliance(List<Map<String, Object>> conditions) {
        return conditions.stream().filter(c -> "Ready".equals(c.get("type"))).findFirst()
                .map(c -> switch (String.valueOf(c.get("status"))) {
                    case "True" -> "Compliant";
                    case "False" -> "Non-Compliant";
                    default -> "Pending";
                }).orElse("Pending");
    }

    private static String readyMessage(List<Map<String, Object>> conditions) {
        return conditions.stream().filter(c -> "Ready".equals(c.get("type"))).findFirst()
                .map(c -> String.valueOf(c.get("message"))).orElse("");
    }
}

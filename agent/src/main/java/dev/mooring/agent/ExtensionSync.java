package dev.mooring.agent;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Applies a desired extension to the cluster as Flux's own objects, which Flux's controllers then reconcile: an
 * {@code OCIRepository} (oci:// charts) or a {@code HelmRepository} (https:// Helm repositories), and a
 * {@code HelmRelease} of the chart into the extension's namespace, its settings from a ConfigMap and its protected
 * settings from a Secret (each key set at its own path, as {@code helm --set} does). Every object is labelled as
 * Mooring's and with the extension's name; removal deletes only objects so labelled (and the namespace, only if this
 * agent created it). The extension's status is read from the HelmRelease's conditions.
 */
final class ExtensionSync {

    static final String PREFIX = "mooring-ext-";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String AGENT = "mooring-agent";
    static final String EXTENSION = "extensions.mooring.dev/name";

    static final ResourceDefinitionContext HELM_RELEASE = context("helm.toolkit.fluxcd.io", "v2", "HelmRelease",
            "helmreleases");
    static final ResourceDefinitionContext OCI_REPOSITORY = context("source.toolkit.fluxcd.io", "v1beta2",
            "OCIRepository", "ocirepositories");
    static final ResourceDefinitionContext HELM_REPOSITORY = context("source.toolkit.fluxcd.io", "v1", "HelmRepository",
            "helmrepositories");

    /** What the agent reports about one extension (the data plane's extension status report). */
    record Report(String installState, String version, List<Map<String, String>> statuses, Map<String, String> errorInfo) {

        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("installState", installState);
            if (version != null) {
                body.put("version", version);
            }
            body.put("statuses", statuses);
            if (errorInfo != null) {
                body.put("errorInfo", errorInfo);
            }
            return body;
        }
    }

    private final KubernetesClient kubernetes;

    ExtensionSync(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
    }

    static String objectName(String extension) {
        return PREFIX + extension.toLowerCase(java.util.Locale.ROOT);
    }

    void apply(JsonNode extension) {
        String name = extension.get("name").stringValue();
        String namespace = extension.get("namespace").stringValue();
        String objects = objectName(name);
        Map<String, String> labels = labels(name);
        if (kubernetes.namespaces().withName(namespace).get() == null) {
            kubernetes.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .withLabels(labels).endMetadata().build()).create();
        }
        List<Map<String, Object>> valuesFrom = new ArrayList<>();
        Map<String, String> settings = strings(extension.get("configurationSettings"));
        kubernetes.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                .withName(objects + "-settings").withNamespace(namespace).withLabels(labels).endMetadata()
                .withData(settings).build()).createOr(NonDeletingOperation::update);
        settings.keySet().forEach(key -> valuesFrom.add(valuesFrom("ConfigMap", objects + "-settings", key)));
        Map<String, String> secrets = strings(extension.get("protectedSettings"));
        if (!secrets.isEmpty()) {
            Map<String, String> encoded = new LinkedHashMap<>();
            secrets.forEach((key, value) -> encoded.put(key,
                    Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
            kubernetes.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata()
                    .withName(objects + "-protected").withNamespace(namespace).withLabels(labels).endMetadata()
                    .withData(encoded).build()).createOr(NonDeletingOperation::update);
        }
        // Protected settings are delivered once; the Secret keeps them for later reconciliations.
        var secret = kubernetes.secrets().inNamespace(namespace).withName(objects + "-protected").get();
        if (secret != null && secret.getData() != null) {
            secret.getData().keySet().forEach(key -> valuesFrom.add(valuesFrom("Secret", objects + "-protected", key)));
        }

        JsonNode chart = extension.get("chart");
        String repository = chart.get("repository").stringValue();
        String chartName = chart.get("name").stringValue();
        String version = chart.get("version").stringValue();
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("interval", "10m");
        release.put("releaseName", name.toLowerCase(java.util.Locale.ROOT));
        release.put("targetNamespace", namespace);
        release.put("install", Map.of("createNamespace", true, "remediation", Map.of("retries", 3)));
        release.put("upgrade", Map.of("remediation", Map.of("retries", 3)));
        if (repository.startsWith("oci://")) {
            apply(OCI_REPOSITORY, resource(OCI_REPOSITORY, objects, namespace, labels, Map.of(
                    "interval", "10m", "url", repository.replaceAll("/+$", "") + "/" + chartName,
                    "ref", Map.of("tag", version),
                    "layerSelector", Map.of("mediaType", "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
                            "operation", "copy"))));
            release.put("chartRef", Map.of("kind", "OCIRepository", "name", objects));
        } else {
            apply(HELM_REPOSITORY, resource(HELM_REPOSITORY, objects, namespace, labels, Map.of(
                    "interval", "1h", "url", repository)));
            release.put("chart", Map.of("spec", Map.of("chart", chartName, "version", version,
                    "sourceRef", Map.of("kind", "HelmRepository", "name", objects))));
        }
        if (!valuesFrom.isEmpty()) {
            release.put("valuesFrom", valuesFrom);
        }
        apply(HELM_RELEASE, resource(HELM_RELEASE, objects, namespace, labels, release));
    }

    /** Deletes what this agent created for the extension: its labelled objects, and the namespace if it made it. */
    void remove(String name) {
        Map<String, String> labels = labels(name);
        for (ResourceDefinitionContext kind : List.of(HELM_RELEASE, OCI_REPOSITORY, HELM_REPOSITORY)) {
            kubernetes.genericKubernetesResources(kind).inAnyNamespace().withLabels(labels).delete();
        }
        kubernetes.configMaps().inAnyNamespace().withLabels(labels).delete();
        kubernetes.secrets().inAnyNamespace().withLabels(labels).delete();
        for (var namespace : kubernetes.namespaces().withLabels(labels).list().getItems()) {
            if (isEmpty(namespace.getMetadata().getName())) {
                kubernetes.namespaces().resource(namespace).delete();
            }
        }
    }

    /** Whether nothing is left in a namespace this agent created: no HelmRelease, no ConfigMap or Secret of anyone's. */
    private boolean isEmpty(String namespace) {
        return kubernetes.genericKubernetesResources(HELM_RELEASE).inNamespace(namespace).list().getItems().isEmpty()
                && kubernetes.secrets().inNamespace(namespace).list().getItems().isEmpty()
                && kubernetes.configMaps().inNamespace(namespace).list().getItems().stream()
                        .allMatch(c -> "kube-root-ca.crt".equals(c.getMetadata().getName()));
    }

    /** Removes the extensions this agent installed that the desired state no longer names (force-deleted ones). */
    void removeAllBut(Set<String> desired) {
        Set<String> wanted = desired.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
        kubernetes.genericKubernetesResources(HELM_RELEASE).inAnyNamespace().withLabel(MANAGED_BY, AGENT).list()
                .getItems().stream()
                .map(r -> r.getMetadata().getLabels().get(EXTENSION))
                .filter(n -> n != null && !wanted.contains(n))
                .distinct()
                .forEach(this::remove);
    }

    /**
     * The extension's state from its HelmRelease: Installed (Ready=True, at the chart version it last applied),
     * Failed (Ready=False after a failed install, upgrade or chart fetch), Pending otherwise.
     */
    Report status(JsonNode extension) {
        String name = extension.get("name").stringValue();
        GenericKubernetesResource release = kubernetes.genericKubernetesResources(HELM_RELEASE)
                .inNamespace(extension.get("namespace").stringValue()).withName(objectName(name)).get();
        Object status = release == null ? null : release.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> fields)) {
            return new Report("Pending", null, List.of(), null);
        }
        List<Map<String, String>> statuses = new ArrayList<>();
        Map<String, String> ready = null;
        if (fields.get("conditions") instanceof List<?> conditions) {
            for (Object item : conditions) {
                if (item instanceof Map<?, ?> condition) {
                    Map<String, String> c = new LinkedHashMap<>();
                    condition.forEach((k, v) -> c.put(String.valueOf(k), String.valueOf(v)));
                    boolean failed = "False".equals(c.get("status")) && !"Progressing".equals(c.get("reason"));
                    Map<String, String> reported = new LinkedHashMap<>();
                    reported.put("code", c.get("type"));
                    reported.put("displayStatus", c.getOrDefault("reason", c.get("status")));
                    reported.put("level", failed ? "Error" : "Information");
                    reported.put("message", c.getOrDefault("message", ""));
                    if (c.get("lastTransitionTime") != null) {
                        reported.put("time", c.get("lastTransitionTime"));
                    }
                    statuses.add(reported);
                    if ("Ready".equals(c.get("type"))) {
                        ready = c;
                    }
                }
            }
        }
        String applied = fields.get("lastAttemptedRevision") == null ? null
                : String.valueOf(fields.get("lastAttemptedRevision"));
        if (ready != null && "True".equals(ready.get("status"))) {
            return new Report("Installed", applied, statuses, null);
        }
        if (ready != null && "False".equals(ready.get("status")) && !"Progressing".equals(ready.get("reason"))) {
            return new Report("Failed", applied, statuses, Map.of("code", ready.getOrDefault("reason", "Failed"),
                    "message", ready.getOrDefault("message", "The HelmRelease is not ready.")));
        }
        return new Report("Pending", applied, statuses, null);
    }

    private void apply(ResourceDefinitionContext kind, GenericKubernetesResource resource) {
        var existing = kubernetes.genericKubernetesResources(kind).inNamespace(resource.getMetadata().getNamespace())
                .withName(resource.getMetadata().getName()).get();
        if (existing == null) {
            kubernetes.genericKubernetesResources(kind).inNamespace(resource.getMetadata().getNamespace())
                    .resource(resource).create();
        } else {
            // Only the spec is the agent's: the status belongs to Flux's controllers.
            kubernetes.genericKubernetesResources(kind).inNamespace(resource.getMetadata().getNamespace())
                    .withName(resource.getMetadata().getName()).edit(current -> {
                        current.getMetadata().setLabels(resource.getMetadata().getLabels());
                        current.getAdditionalProperties().put("spec", resource.getAdditionalProperties().get("spec"));
                        return current;
                    });
        }
    }

    private static GenericKubernetesResource resource(ResourceDefinitionContext kind, String name, String namespace,
            Map<String, String> labels, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder().withApiVersion(kind.getGroup() + "/" + kind.getVersion())
                .withKind(kind.getKind()).withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .endMetadata().addToAdditionalProperties("spec", spec).build();
    }

    private static Map<String, Object> valuesFrom(String kind, String name, String key) {
        return Map.of("kind", kind, "name", name, "valuesKey", key, "targetPath", key);
    }

    private static Map<String, String> labels(String extension) {
        return Map.of(MANAGED_BY, AGENT, EXTENSION, extension.toLowerCase(java.util.Locale.ROOT));
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asString()));
        }
        return map;
    }

    private static ResourceDefinitionContext context(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }
}

package dev.mooring.agent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Translates a delivered flux configuration into Flux's own objects: its source (GitRepository, Bucket or
 * OCIRepository; an Azure Blob container is a Bucket with the azure provider), one Kustomization per entry named
 * {@code {configuration}-{kustomization}}, and the Secret the source authenticates with. Everything carries the
 * labels that let the agent find (and remove) exactly what it created.
 */
final class FluxObjects {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String AGENT = "mooring-agent";
    static final String CONFIGURATION = "mooring.dev/flux-configuration";

    static final ResourceDefinitionContext GIT_REPOSITORY = context("source.toolkit.fluxcd.io", "v1", "GitRepository",
            "gitrepositories");
    static final ResourceDefinitionContext BUCKET = context("source.toolkit.fluxcd.io", "v1", "Bucket", "buckets");
    static final ResourceDefinitionContext OCI_REPOSITORY = context("source.toolkit.fluxcd.io", "v1beta2",
            "OCIRepository", "ocirepositories");
    static final ResourceDefinitionContext KUSTOMIZATION = context("kustomize.toolkit.fluxcd.io", "v1",
            "Kustomization", "kustomizations");
    static final List<ResourceDefinitionContext> SOURCES = List.of(GIT_REPOSITORY, BUCKET, OCI_REPOSITORY);

    private FluxObjects() {
    }

    private static ResourceDefinitionContext context(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    static Map<String, String> labels(String configuration) {
        return Map.of(MANAGED_BY, AGENT, CONFIGURATION, configuration);
    }

    static ResourceDefinitionContext sourceContext(JsonNode configuration) {
        return switch (text(configuration, "sourceKind")) {
            case "Bucket", "AzureBlob" -> BUCKET;
            case "OCIRepository" -> OCI_REPOSITORY;
            default -> GIT_REPOSITORY;
        };
    }

    static String secretName(String configuration) {
        return configuration + "-auth";
    }

    static String kustomizationName(String configuration, String kustomization) {
        return configuration + "-" + kustomization;
    }

    /** The source object, named as the configuration. */
    static GenericKubernetesResource source(JsonNode configuration, boolean hasSecret) {
        String name = text(configuration, "name");
        String kind = text(configuration, "sourceKind");
        Map<String, Object> spec = new LinkedHashMap<>();
        JsonNode source;
        switch (kind) {
            case "Bucket" -> {
                source = configuration.get("bucket");
                URI endpoint = URI.create(text(source, "url"));
                spec.put("bucketName", text(source, "bucketName"));
                spec.put("endpoint", endpoint.getAuthority());
                spec.put("insecure", "http".equalsIgnoreCase(endpoint.getScheme()) || source.path("insecure").asBoolean(false));
                spec.put("provider", "generic");
            }
            case "AzureBlob" -> {
                source = configuration.get("azureBlob");
                spec.put("bucketName", text(source, "containerName"));
                spec.put("endpoint", text(source, "url"));
                spec.put("provider", "azure");
            }
            case "OCIRepository" -> {
                source = configuration.get("ociRepository");
                spec.put("url", text(source, "url"));
                putIfPresent(spec, "ref", source.get("repositoryRef"));
                putIfPresent(spec, "layerSelector", source.get("layerSelector"));
                putIfPresent(spec, "verify", source.get("verify"));
                spec.put("insecure", source.path("insecure").asBoolean(false));
                putIfPresent(spec, "serviceAccountName", source.get("serviceAccountName"));
                if (source.path("useWorkloadIdentity").asBoolean(false)) {
                    spec.put("provider", "azure");
                }
            }
            default -> {
                source = configuration.get("gitRepository");
                spec.put("url", text(source, "url"));
                putIfPresent(spec, "ref", source.get("repositoryRef"));
                if (source.hasNonNull("provider") && !"Generic".equals(text(source, "provider"))) {
                    spec.put("provider", text(source, "provider").toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        spec.put("interval", seconds(source, "syncIntervalInSeconds"));
        spec.put("timeout", seconds(source, "timeoutInSeconds"));
        spec.put("suspend", configuration.path("suspend").asBoolean(false));
        String localAuth = source.hasNonNull("localAuthRef") ? text(source, "localAuthRef") : null;
        if (localAuth != null || hasSecret) {
            spec.put("secretRef", Map.of("name", localAuth != null ? localAuth : secretName(name)));
        }
        return resource(sourceContext(configuration), name, text(configuration, "namespace"), name, spec);
    }

    /** One Kustomization per entry, depending on its siblings as {@code dependsOn} names them. */
    static List<GenericKubernetesResource> kustomizations(JsonNode configuration) {
        String name = text(configuration, "name");
        String namespace = text(configuration, "namespace");
        ResourceDefinitionContext source = sourceContext(configuration);
        List<GenericKubernetesResource> result = new ArrayList<>();
        JsonNode entries = configuration.path("kustomizations");
        for (var entry : entries.properties()) {
            JsonNode k = entry.getValue();
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("sourceRef", Map.of("kind", source.getKind(), "name", name));
            spec.put("path", k.path("path").asString(""));
            spec.put("interval", seconds(k, "syncIntervalInSeconds"));
            spec.put("timeout", seconds(k, "timeoutInSeconds"));
            if (k.hasNonNull("retryIntervalInSeconds")) {
                spec.put("retryInterval", seconds(k, "retryIntervalInSeconds"));
            }
            spec.put("prune", k.path("prune").asBoolean(false));
            spec.put("force", k.path("force").asBoolean(false));
            spec.put("wait", k.path("wait").asBoolean(true));
            spec.put("suspend", configuration.path("suspend").asBoolean(false));
            if ("namespace".equals(text(configuration, "scope"))) {
                spec.put("targetNamespace", namespace);
            }
            List<Map<String, String>> dependsOn = new ArrayList<>();
            for (JsonNode dependency : k.path("dependsOn").values()) {
                dependsOn.add(Map.of("name", kustomizationName(name, dependency.stringValue())));
            }
            if (!dependsOn.isEmpty()) {
                spec.put("dependsOn", dependsOn);
            }
            putIfPresent(spec, "postBuild", k.get("postBuild"));
            result.add(resource(KUSTOMIZATION, kustomizationName(name, entry.getKey()), namespace, name, spec));
        }
        return result;
    }

    /**
     * The Secret's data in the keys Flux reads: {@code username}/{@code password} (HTTPS Git), {@code identity}/
     * {@code known_hosts} (SSH Git), {@code accesskey}/{@code secretkey} (Bucket), {@code accountKey},
     * {@code sasKey}, {@code clientSecret}... (Azure Blob), TLS {@code tls.crt}/{@code tls.key}/{@code ca.crt} (OCI).
     * Protected settings arrive base64-encoded (as Arc takes them); the other values are plain.
     */
    static Map<String, String> secretData(JsonNode configuration) {
        JsonNode secrets = configuration.path("secrets");
        Map<String, String> data = new LinkedHashMap<>();
        JsonNode git = configuration.get("gitRepository");
        if (secrets.hasNonNull("httpsKey") && git != null) {
            data.put("username", encode(text(git, "httpsUser")));
            data.put("password", secrets.get("httpsKey").stringValue());
        }
        if (secrets.hasNonNull("sshPrivateKey")) {
            data.put("identity", secrets.get("sshPrivateKey").stringValue());
            if (git != null && git.hasNonNull("sshKnownHosts")) {
                data.put("known_hosts", text(git, "sshKnownHosts"));
            }
        }
        JsonNode bucket = configuration.get("bucket");
        if (secrets.hasNonNull("bucketSecretKey") && bucket != null) {
            data.put("accesskey", encode(text(bucket, "accessKey")));
            data.put("secretkey", secrets.get("bucketSecretKey").stringValue());
        }
        plain(secrets, "azureBlob.accountKey", "accountKey", data);
        plain(secrets, "azureBlob.sasToken", "sasKey", data);
        plain(secrets, "azureBlob.servicePrincipal.clientSecret", "clientSecret", data);
        plain(secrets, "azureBlob.servicePrincipal.clientCertificate", "clientCertificate", data);
        plain(secrets, "azureBlob.servicePrincipal.clientCertificatePassword", "clientCertificatePassword", data);
        plain(secrets, "ociRepository.tlsConfig.clientCertificate", "tls.crt", data);
        plain(secrets, "ociRepository.tlsConfig.privateKey", "tls.key", data);
        plain(secrets, "ociRepository.tlsConfig.caCertificate", "ca.crt", data);
        return data;
    }

    private static void plain(JsonNode secrets, String from, String to, Map<String, String> data) {
        if (secrets.hasNonNull(from)) {
            data.put(to, encode(secrets.get(from).stringValue()));
        }
    }

    private static GenericKubernetesResource resource(ResourceDefinitionContext context, String name, String namespace,
            String configuration, Map<String, Object> spec) {
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion(context.getGroup() + "/" + context.getVersion()).withKind(context.getKind())
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels(configuration)).endMetadata()
                .build();
        resource.setAdditionalProperty("spec", spec);
        return resource;
    }

    private static void putIfPresent(Map<String, Object> spec, String field, JsonNode value) {
        if (value != null && !value.isNull()) {
            spec.put(field, JSON.convertValue(value, Object.class));
        }
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    private static String seconds(JsonNode node, String field) {
        return node.path(field).asInt(600) + "s";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}

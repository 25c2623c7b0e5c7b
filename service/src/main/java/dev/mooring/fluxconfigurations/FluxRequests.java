package dev.mooring.fluxconfigurations;

import dev.mooring.arm.Bounded;
import dev.mooring.arm.JsonFields;
import dev.mooring.arm.errors.ArmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads and validates a flux configuration PUT body. {@code latest} says whether the api-version knows OCI
 * repositories, Git providers and reconciliation waits (2025-04-01). Error messages never quote a secret.
 */
final class FluxRequests {

    static final Pattern NAME = Pattern.compile("^[a-z0-9](?:[-.a-z0-9]{0,28}[a-z0-9])?$");
    static final Pattern KUSTOMIZATION_NAME = Pattern.compile("^[a-z0-9](?:[-.a-z0-9]{0,28}[a-z0-9])?$");
    static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$");
    static final Pattern GIT_URL = Pattern.compile("^(https?://[^\\s]+|ssh://[^\\s]+|git@[^\\s:]+:[^\\s]+)$",
            Pattern.CASE_INSENSITIVE);
    static final Pattern HTTP_URL = Pattern.compile("^https?://[^\\s]+$", Pattern.CASE_INSENSITIVE);
    static final Pattern OCI_URL = Pattern.compile("^oci://[^\\s]+$", Pattern.CASE_INSENSITIVE);
    static final Pattern DURATION = Pattern.compile("^P(?:T(?=\\d)(?:\\d+H)?(?:\\d+M)?(?:\\d+S)?|\\d+D)$");
    static final int DEFAULT_SECONDS = 600;

    private FluxRequests() {
    }

    static void requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ArmException.badRequest("InvalidFluxConfigurationName", "The flux configuration name '"
                    + Bounded.text(name) + "' is not valid: use at most 30 lowercase letters, digits, '-' and '.',"
                    + " starting and ending with a letter or digit.", "fluxConfigurationName");
        }
    }

    static FluxRequest read(JsonNode body, boolean latest, boolean updating) {
        JsonFields.requireObject(body, "body");
        JsonNode p = JsonFields.object(body, "properties", "properties");
        if (p == null) {
            throw ArmException.badRequest("InvalidParameter", "The property 'properties' is required.", "properties");
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        String scope = JsonFields.oneOf(JsonFields.string(p, "scope", "properties.scope"),
                List.of("cluster", "namespace"), "properties.scope");
        String namespace = JsonFields.string(p, "namespace", "properties.namespace");
        if (namespace != null && !DNS_LABEL.matcher(namespace).matches()) {
            throw ArmException.badRequest("InvalidParameter", "The property 'namespace' must be a Kubernetes namespace"
                    + " name (at most 63 lowercase letters, digits and '-'); got '" + Bounded.text(namespace) + "'.",
                    "properties.namespace");
        }
        List<String> kinds = latest
                ? List.of(FluxSpec.GIT_REPOSITORY, FluxSpec.BUCKET, FluxSpec.AZURE_BLOB, FluxSpec.OCI_REPOSITORY)
                : List.of(FluxSpec.GIT_REPOSITORY, FluxSpec.BUCKET, FluxSpec.AZURE_BLOB);
        String sourceKind = JsonFields.oneOf(JsonFields.string(p, "sourceKind", "properties.sourceKind"), kinds,
                "properties.sourceKind");
        sourceKind = sourceKind == null ? FluxSpec.GIT_REPOSITORY : sourceKind;
        Boolean suspend = JsonFields.bool(p, "suspend", "properties.suspend");
        FluxSpec.GitRepository git = gitRepository(JsonFields.object(p, "gitRepository", "properties.gitRepository"), latest);
        FluxSpec.Bucket bucket = bucket(JsonFields.object(p, "bucket", "properties.bucket"));
        FluxSpec.AzureBlob blob = azureBlob(JsonFields.object(p, "azureBlob", "properties.azureBlob"), secrets);
        FluxSpec.OciRepository oci = latest
                ? ociRepository(JsonFields.object(p, "ociRepository", "properties.ociRepository"), secrets) : null;
        requireSourceMatches(sourceKind, git, bucket, blob, oci);
        Map<String, FluxSpec.Kustomization> kustomizations = kustomizations(p);
        KustomizationGraph.requireAcyclic(kustomizations);
        Boolean waitForReconciliation = latest
                ? JsonFields.bool(p, "waitForReconciliation", "properties.waitForReconciliation") : null;
        String waitDuration = latest
                ? JsonFields.string(p, "reconciliationWaitDuration", "properties.reconciliationWaitDuration") : null;
        if (waitDuration != null && !DURATION.matcher(waitDuration).matches()) {
            throw ArmException.badRequest("InvalidParameter", "The property 'reconciliationWaitDuration' must be an"
                    + " ISO 8601 duration such as PT30M.", "properties.reconciliationWaitDuration");
        }
        Map<String, String> protectedSettings = protectedSettings(p);
        if (protectedSettings != null) {
            secrets.putAll(protectedSettings);
        }
        if (!updating || !secrets.isEmpty()) {
            requireCredentialsConsistent(git, bucket, secrets);
        }
        FluxSpec spec = new FluxSpec(scope == null ? "cluster" : scope, namespace == null ? "default" : namespace,
                sourceKind, Boolean.TRUE.equals(suspend), git, bucket, blob, oci, kustomizations,
                waitForReconciliation, waitDuration);
        return new FluxRequest(spec, secrets.isEmpty() ? null : secrets);
    }

    private static FluxSpec.GitRepository gitRepository(JsonNode g, boolean latest) {
        if (g == null) {
            return null;
        }
        String target = "properties.gitRepository";
        String url = JsonFields.string(g, "url", target + ".url");
        if (url == null || !GIT_URL.matcher(url).matches()) {
            throw ArmException.badRequest("InvalidParameter", "The property 'gitRepository.url' is required and must be"
                    + " an http://, https://, ssh:// or git@host:path URL.", target + ".url");
        }
        JsonNode ref = JsonFields.object(g, "repositoryRef", target + ".repositoryRef");
        FluxSpec.RepositoryRef repositoryRef = ref == null ? null : new FluxSpec.RepositoryRef(
                JsonFields.string(ref, "branch", target + ".repositoryRef.branch"),
                JsonFields.string(ref, "tag", target + ".repositoryRef.tag"),
                JsonFields.string(ref, "semver", target + ".repositoryRef.semver"),
                JsonFields.string(ref, "commit", target + ".repositoryRef.commit"));
        if (repositoryRef == null || (repositoryRef.branch() == null && repositoryRef.tag() == null
                && repositoryRef.semver() == null && repositoryRef.commit() == null)) {
            throw ArmException.badRequest("InvalidParameter", "The property 'gitRepository.repositoryRef' needs one of"
                    + " 'branch', 'tag', 'semver' or 'commit'.", target + ".repositoryRef");
        }
        String knownHosts = JsonFields.string(g, "sshKnownHosts", target + ".sshKnownHosts");
        requireBase64(knownHosts, target + ".sshKnownHosts");
        String caCert = JsonFields.string(g, "httpsCACert", target + ".httpsCACert");
        requireBase64(caCert, target + ".httpsCACert");
        String provider = latest ? JsonFields.oneOf(JsonFields.string(g, "provider", target + ".provider"),
                List.of("Azure", "GitHub", "Generic"), target + ".provider") : null;
        return new FluxSpec.GitRepository(url, seconds(g, "timeoutInSeconds", target),
                seconds(g, "syncIntervalInSeconds", target), repositoryRef,
                knownHosts, JsonFields.string(g, "httpsUser", target + ".httpsUser"), caCert,
                JsonFields.string(g, "localAuthRef", target + ".localAuthRef"), provider);
    }

    private static FluxSpec.Bucket bucket(JsonNode b) {
        if (b == null) {
            return null;
        }
        String target = "properties.bucket";
        String url = JsonFields.string(b, "url", target + ".url");
        if (url == null || !HTTP_URL.matcher(url).matches()) {
            throw ArmException.badRequest("InvalidParameter", "The property 'bucket.url' is required and must be an"
                    + " http:// or https:// URL.", target + ".url");
        }
        String bucketName = JsonFields.string(b, "bucketName", target + ".bucketName");
        if (bucketName == null || bucketName.isBlank()) {
            throw ArmException.badRequest("InvalidParameter", "The property 'bucket.bucketName' is required.",
                    target + ".bucketName");
        }
        Boolean insecure = JsonFields.bool(b, "insecure", target + ".insecure");
        return new FluxSpec.Bucket(url, bucketName, insecure == null || insecure, seconds(b, "timeoutInSeconds", target),
                seconds(b, "syncIntervalInSeconds", target), JsonFields.string(b, "accessKey", target + ".accessKey"),
                JsonFields.string(b, "localAuthRef", target + ".localAuthRef"));
    }

    private static FluxSpec.AzureBlob azureBlob(JsonNode a, Map<String, String> secrets) {
        if (a == null) {
            return null;
        }
        String target = "properties.azureBlob";
        String url = JsonFields.string(a, "url", target + ".url");
        if (url == null || !HTTP_URL.matcher(url).matches()) {
            throw ArmException.badRequest("InvalidParameter", "The property 'azureBlob.url' is required and must be an"
                    + " https:// URL.", target + ".url");
        }
        secret(a, "accountKey", "azureBlob.accountKey", secrets);
        secret(a, "sasToken", "azureBlob.sasToken", secrets);
        JsonNode sp = JsonFields.object(a, "servicePrincipal", target + ".servicePrincipal");
        FluxSpec.ServicePrincipal principal = null;
        if (sp != null) {
            secret(sp, "clientSecret", "azureBlob.servicePrincipal.clientSecret", secrets);
            secret(sp, "clientCertificate", "azureBlob.servicePrincipal.clientCertificate", secrets);
            secret(sp, "clientCertificatePassword", "azureBlob.servicePrincipal.clientCertificatePassword", secrets);
            Boolean sendChain = JsonFields.bool(sp, "clientCertificateSendChain",
                    target + ".servicePrincipal.clientCertificateSendChain");
            principal = new FluxSpec.ServicePrincipal(JsonFields.string(sp, "clientId", target + ".servicePrincipal.clientId"),
                    JsonFields.string(sp, "tenantId", target + ".servicePrincipal.tenantId"),
                    Boolean.TRUE.equals(sendChain));
        }
        JsonNode mi = JsonFields.object(a, "managedIdentity", target + ".managedIdentity");
        return new FluxSpec.AzureBlob(url, JsonFields.string(a, "containerName", target + ".containerName"),
                seconds(a, "timeoutInSeconds", target), seconds(a, "syncIntervalInSeconds", target), principal,
                mi == null ? null : new FluxSpec.ManagedIdentity(JsonFields.string(mi, "clientId",
                        target + ".managedIdentity.clientId")),
                JsonFields.string(a, "localAuthRef", target + ".localAuthRef"));
    }

    private static FluxSpec.OciRepository ociRepository(JsonNode o, Map<String, String> secrets) {
        if (o == null) {
            return null;
        }
        String target = "properties.ociRepository";
        String url = JsonFields.string(o, "url", target + ".url");
        if (url == null || !OCI_URL.matcher(url).matches()) {
            throw ArmException.badRequest("InvalidParameter", "The property 'ociRepository.url' is required and must be"
                    + " an oci:// URL.", target + ".url");
        }
        JsonNode ref = JsonFields.object(o, "repositoryRef", target + ".repositoryRef");
        JsonNode layer = JsonFields.object(o, "layerSelector", target + ".layerSelector");
        JsonNode verify = JsonFields.object(o, "verify", target + ".verify");
        JsonNode tls = JsonFields.object(o, "tlsConfig", target + ".tlsConfig");
        if (tls != null) {
            secret(tls, "clientCertificate", "ociRepository.tlsConfig.clientCertificate", secrets);
            secret(tls, "privateKey", "ociRepository.tlsConfig.privateKey", secrets);
            secret(tls, "caCertificate", "ociRepository.tlsConfig.caCertificate", secrets);
        }
        Boolean insecure = JsonFields.bool(o, "insecure", target + ".insecure");
        Boolean workloadIdentity = JsonFields.bool(o, "useWorkloadIdentity", target + ".useWorkloadIdentity");
        return new FluxSpec.OciRepository(url, seconds(o, "timeoutInSeconds", target),
                seconds(o, "syncIntervalInSeconds", target),
                ref == null ? null : new FluxSpec.OciRef(JsonFields.string(ref, "tag", target + ".repositoryRef.tag"),
                        JsonFields.string(ref, "semver", target + ".repositoryRef.semver"),
                        JsonFields.string(ref, "digest", target + ".repositoryRef.digest")),
                layer == null ? null : new FluxSpec.LayerSelector(
                        JsonFields.string(layer, "mediaType", target + ".layerSelector.mediaType"),
                        JsonFields.oneOf(JsonFields.string(layer, "operation", target + ".layerSelector.operation"),
                                List.of("extract", "copy"), target + ".layerSelector.operation")),
                verify == null ? null : verify(verify, target + ".verify"),
                Boolean.TRUE.equals(insecure), Boolean.TRUE.equals(workloadIdentity),
                JsonFields.string(o, "serviceAccountName", target + ".serviceAccountName"),
                JsonFields.string(o, "localAuthRef", target + ".localAuthRef"));
    }

    private static FluxSpec.Verify verify(JsonNode v, String target) {
        String provider = JsonFields.string(v, "provider", target + ".provider");
        if (provider == null) {
            throw ArmException.badRequest("InvalidParameter", "The property 'verify.provider' is required.",
                    target + ".provider");
        }
        List<FluxSpec.OidcIdentity> identities = null;
        JsonNode list = v.get("matchOidcIdentity");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw ArmException.badRequest("InvalidRequestContent", "The property '" + target
                        + ".matchOidcIdentity' must be an array.", target + ".matchOidcIdentity");
            }
            identities = new ArrayList<>();
            for (JsonNode item : list.values()) {
                JsonFields.requireObject(item, target + ".matchOidcIdentity");
                identities.add(new FluxSpec.OidcIdentity(JsonFields.string(item, "issuer", target + ".matchOidcIdentity.issuer"),
                        JsonFields.string(item, "subject", target + ".matchOidcIdentity.subject")));
            }
        }
        return new FluxSpec.Verify(provider, JsonFields.stringMap(v, "verificationConfig", target + ".verificationConfig"),
                identities);
    }

    private static void requireSourceMatches(String sourceKind, Object git, Object bucket, Object blob, Object oci) {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put(FluxSpec.GIT_REPOSITORY, git);
        given.put(FluxSpec.BUCKET, bucket);
        given.put(FluxSpec.AZURE_BLOB, blob);
        given.put(FluxSpec.OCI_REPOSITORY, oci);
        if (given.get(sourceKind) == null) {
            throw ArmException.badRequest("InvalidParameter", "The sourceKind is '" + sourceKind + "' but the property '"
                    + property(sourceKind) + "' is missing.", "properties." + property(sourceKind));
        }
        given.forEach((kind, source) -> {
            if (!kind.equals(sourceKind) && source != null) {
                throw ArmException.badRequest("InvalidParameter", "The property '" + property(kind) + "' does not go"
                        + " with sourceKind '" + sourceKind + "': give only the '" + property(sourceKind) + "' source.",
                        "properties." + property(kind));
            }
        });
    }

    static String property(String sourceKind) {
        return switch (sourceKind) {
            case FluxSpec.BUCKET -> "bucket";
            case FluxSpec.AZURE_BLOB -> "azureBlob";
            case FluxSpec.OCI_REPOSITORY -> "ociRepository";
            default -> "gitRepository";
        };
    }

    private static Map<String, FluxSpec.Kustomization> kustomizations(JsonNode p) {
        JsonNode node = JsonFields.object(p, "kustomizations", "properties.kustomizations");
        Map<String, FluxSpec.Kustomization> result = new LinkedHashMap<>();
        if (node == null) {
            return result;
        }
        for (var entry : node.properties()) {
            String name = entry.getKey();
            String target = "properties.kustomizations." + Bounded.text(name);
            if (!KUSTOMIZATION_NAME.matcher(name).matches()) {
                throw ArmException.badRequest("InvalidParameter", "The kustomization name '" + Bounded.text(name)
                        + "' is not valid: use at most 30 lowercase letters, digits, '-' and '.', starting and ending"
                        + " with a letter or digit.", target);
            }
            if (entry.getValue().isNull()) {
                continue;
            }
            JsonNode k = JsonFields.requireObject(entry.getValue(), target);
            List<String> dependsOn = JsonFields.strings(k, "dependsOn", target + ".dependsOn");
            String path = JsonFields.string(k, "path", target + ".path");
            Boolean prune = JsonFields.bool(k, "prune", target + ".prune");
            Boolean force = JsonFields.bool(k, "force", target + ".force");
            Boolean wait = JsonFields.bool(k, "wait", target + ".wait");
            Integer retry = seconds(k, "retryIntervalInSeconds", target, null);
            result.put(name, new FluxSpec.Kustomization(name, path == null ? "" : path,
                    dependsOn == null ? List.of() : List.copyOf(dependsOn), seconds(k, "timeoutInSeconds", target),
                    seconds(k, "syncIntervalInSeconds", target), retry, prune != null && prune, force != null && force,
                    wait == null || wait, postBuild(JsonFields.object(k, "postBuild", target + ".postBuild"),
                            target + ".postBuild")));
        }
        return result;
    }

    private static FluxSpec.PostBuild postBuild(JsonNode b, String target) {
        if (b == null) {
            return null;
        }
        List<FluxSpec.SubstituteFrom> from = null;
        JsonNode list = b.get("substituteFrom");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw ArmException.badRequest("InvalidRequestContent", "The property '" + target
                        + ".substituteFrom' must be an array.", target + ".substituteFrom");
            }
            from = new ArrayList<>();
            for (JsonNode item : list.values()) {
                JsonFields.requireObject(item, target + ".substituteFrom");
                String kind = JsonFields.oneOf(JsonFields.string(item, "kind", target + ".substituteFrom.kind"),
                        List.of("ConfigMap", "Secret"), target + ".substituteFrom.kind");
                String name = JsonFields.string(item, "name", target + ".substituteFrom.name");
                if (kind == null || name == null || !DNS_SUBDOMAIN.matcher(name).matches()) {
                    throw ArmException.badRequest("InvalidParameter", "Each entry of 'substituteFrom' needs a 'kind'"
                            + " (ConfigMap or Secret) and the 'name' of an object in the configuration's namespace.",
                            target + ".substituteFrom");
                }
                Boolean optional = JsonFields.bool(item, "optional", target + ".substituteFrom.optional");
                from.add(new FluxSpec.SubstituteFrom(kind, name, Boolean.TRUE.equals(optional)));
            }
        }
        return new FluxSpec.PostBuild(JsonFields.stringMap(b, "substitute", target + ".substitute"), from);
    }

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9](?:[-.a-z0-9]{0,251}[a-z0-9])?$");

    /** configurationProtectedSettings: base64 values, checked by key and form only. */
    private static Map<String, String> protectedSettings(JsonNode p) {
        JsonNode node = JsonFields.object(p, "configurationProtectedSettings", "properties.configurationProtectedSettings");
        if (node == null) {
            return null;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (var entry : node.properties()) {
            String key = entry.getKey();
            if (!entry.getValue().isString() || entry.getValue().stringValue().isEmpty()
                    || !JsonFields.isBase64(entry.getValue().stringValue())) {
                throw ArmException.badRequest("InvalidParameter", "The protected setting '" + Bounded.text(key)
                        + "' must be a non-empty base64 string.", "properties.configurationProtectedSettings");
            }
            settings.put(key, entry.getValue().stringValue());
        }
        return settings;
    }

    private static void requireCredentialsConsistent(FluxSpec.GitRepository git, FluxSpec.Bucket bucket,
            Map<String, String> secrets) {
        if (secrets.containsKey("sshPrivateKey") && (git == null || git.url().regionMatches(true, 0, "http", 0, 4))) {
            throw ArmException.badRequest("InvalidParameter", "'sshPrivateKey' goes only with an ssh:// or git@ Git"
                    + " repository URL.", "properties.configurationProtectedSettings.sshPrivateKey");
        }
        if (git != null && git.httpsUser() != null && !secrets.containsKey("httpsKey")) {
            throw ArmException.badRequest("InvalidParameter", "'gitRepository.httpsUser' needs the protected setting"
                    + " 'httpsKey' (the password or token).", "properties.configurationProtectedSettings.httpsKey");
        }
        if (secrets.containsKey("httpsKey") && (git == null || git.httpsUser() == null)) {
            throw ArmException.badRequest("InvalidParameter", "The protected setting 'httpsKey' needs"
                    + " 'gitRepository.httpsUser'.", "properties.gitRepository.httpsUser");
        }
        if (bucket != null && bucket.accessKey() != null && !secrets.containsKey("bucketSecretKey")) {
            throw ArmException.badRequest("InvalidParameter", "'bucket.accessKey' needs the protected setting"
                    + " 'bucketSecretKey'.", "properties.configurationProtectedSettings.bucketSecretKey");
        }
    }

    private static void secret(JsonNode parent, String field, String key, Map<String, String> secrets) {
        String value = JsonFields.string(parent, field, "properties." + key);
        if (value != null && !value.isEmpty()) {
            secrets.put(key, value);
        }
    }

    private static Integer seconds(JsonNode parent, String field, String target) {
        return seconds(parent, field, target, DEFAULT_SECONDS);
    }

    private static Integer seconds(JsonNode parent, String field, String target, Integer fallback) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw ArmException.badRequest("InvalidRequestContent", "The property '" + target + "." + field
                    + "' must be a positive whole number of seconds.", target + "." + field);
        }
        return value.intValue();
    }

    private static void requireBase64(String value, String target) {
        if (value != null && !JsonFields.isBase64(value)) {
            throw ArmException.badRequest("InvalidParameter", "The property '" + target.substring("properties.".length())
                    + "' must be base64.", target);
        }
    }
}

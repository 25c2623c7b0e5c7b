package dev.mooring.fluxconfigurations;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperations;
import dev.mooring.arm.paging.Paging;
import dev.mooring.clusters.ClusterDirectory;
import dev.mooring.clusters.ClusterParents;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.clusters.ConnectivityPolicy;
import dev.mooring.configurations.ConfigurationsProperties;
import dev.mooring.configurations.DesiredStateVersions;
import dev.mooring.extensions.ClusterExtensions;
import dev.mooring.secrets.SecretBox;
import dev.mooring.tenancy.ProviderRegistrations;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Flux configurations of connected clusters: create or replace, update, read, list, delete. */
@Service
class FluxConfigurations {

    static final String NAMESPACE = "Microsoft.KubernetesConfiguration";
    /** The extension that runs Flux on the cluster; creating a configuration installs it first, as Arc does. */
    static final String FLUX_EXTENSION = "microsoft.flux";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A configuration, the cluster it belongs to, and whether the PUT created it. */
    record Located(FluxConfiguration configuration, ClusterReference cluster, boolean created) {

        String resourceId() {
            return FluxConfigurations.resourceId(cluster, configuration.name());
        }
    }

    /** The outcome of a write: the configuration and the operation applying it. */
    record Written(Located located, AsyncOperation operation) {
    }

    /** A DELETE's outcome: gone now ({@code operation} empty, {@code existed} tells whether there was anything) or running. */
    record Deletion(boolean existed, Optional<AsyncOperation> operation) {
    }

    private final FluxConfigurationRepository repository;
    private final ClusterDirectory clusters;
    private final ClusterParents parents;
    private final ProviderRegistrations providers;
    private final AsyncOperations operations;
    private final SecretBox secrets;
    private final ConfigurationsProperties properties;
    private final DesiredStateVersions changes;
    private final ClusterExtensions extensions;
    private final Clock clock;

    FluxConfigurations(FluxConfigurationRepository repository, ClusterDirectory clusters, ClusterParents parents,
            ProviderRegistrations providers, AsyncOperations operations, SecretBox secrets,
            ConfigurationsProperties properties, DesiredStateVersions changes, ClusterExtensions extensions, Clock clock) {
        this.repository = repository;
        this.clusters = clusters;
        this.parents = parents;
        this.providers = providers;
        this.operations = operations;
        this.secrets = secrets;
        this.properties = properties;
        this.changes = changes;
        this.extensions = extensions;
        this.clock = clock;
    }

    static String resourceId(ClusterReference cluster, String name) {
        return cluster.resourceId() + "/providers/" + FluxConfiguration.TYPE + "/" + name;
    }

    /** The parent cluster of an extension resource path, or ARM's 400/404. */
    ClusterReference cluster(UUID subscriptionId, String resourceGroup, String clusterRp, String clusterResourceName,
            String clusterName) {
        return clusters.requireParent(subscriptionId, resourceGroup, clusterRp, clusterResourceName, clusterName);
    }

    @Transactional
    Written put(ClusterReference cluster, String name, FluxWireModel model, JsonNode body, ArmContext context) {
        FluxRequests.requireValidName(name);
        parents.requireWritable(cluster);
        providers.requireRegistered(cluster.subscriptionId(), NAMESPACE);
        FluxConfiguration existing = repository.findById(FluxConfiguration.Key.of(cluster.id(), name)).orElse(null);
        FluxRequest request = model.readPut(body, existing != null);
        FluxConfiguration saved;
        if (existing == null) {
            extensions.ensureInstalled(cluster, FLUX_EXTENSION, context);
            saved = FluxConfiguration.create(cluster.id(), cluster.subscriptionId(), name, request.spec(),
                    context.caller().actor(), clock.instant());
        } else {
            requireNotDeleting(existing);
            existing.replace(name, request.spec(), context.caller().actor(), clock.instant());
            saved = existing;
        }
        return write(cluster, saved, request, existing == null, context);
    }

    /** A PATCH: JSON merge patch of the writable properties, then validated as a whole like a PUT. */
    @Transactional
    Written patch(ClusterReference cluster, String name, FluxWireModel model, JsonNode body, ArmContext context) {
        parents.requireWritable(cluster);
        FluxConfiguration existing = find(cluster, name);
        requireNotDeleting(existing);
        ObjectNode merged = JSON.createObjectNode();
        merged.set("properties", JSON.valueToTree(existing.spec()));
        if (body != null && body.isObject() && body.get("properties") != null) {
            mergePatch(merged.get("properties"), body.get("properties"));
        } else if (body == null || !body.isObject()) {
            throw ArmException.badRequest("InvalidRequestContent", "The request body must be an object.", "body");
        }
        FluxRequest request = model.readPut(merged, true);
        existing.replace(existing.name(), request.spec(), context.caller().actor(), clock.instant());
        return write(cluster, existing, request, false, context);
    }

    private Written write(ClusterReference cluster, FluxConfiguration saved, FluxRequest request, boolean created,
            ArmContext context) {
        if (request.secrets() != null) {
            saved.seal(secrets.seal(JSON.writeValueAsBytes(request.secrets()), saved.sealedFor()));
        }
        Located located = new Located(repository.saveAndFlush(saved), cluster, created);
        changes.changed(cluster.id());
        AsyncOperation operation = operations.start(AsyncOperations.Start.of(FluxOperations.APPLY,
                located.resourceId(), cluster.subscriptionId(), NAMESPACE, cluster.location(), context.apiVersion(),
                context.caller()));
        return new Written(located, operation);
    }

    @Transactional(readOnly = true)
    Located get(ClusterReference cluster, String name) {
        return new Located(find(cluster, name), cluster, false);
    }

    @Transactional(readOnly = true)
    <T> Paging.Page<T> list(ClusterReference cluster, Function<Located, T> view, ArmContext context) {
        Paging.Request page = context.page();
        return Paging.page(repository.page(cluster.id(), page.after() == null ? "" : page.after(), page.fetchSize()),
                page, c -> c.key().nameKey(), c -> view.apply(new Located(c, cluster, false)), context.requestUrl());
    }

    /**
     * Deletes at once when forced or when the cluster's agent is not connected (nothing would acknowledge);
     * otherwise marks the configuration Deleting and starts an operation that completes on the agent's removal
     * report, or fails when the grace period ends first.
     */
    @Transactional
    Deletion delete(ClusterReference cluster, String name, boolean force, ArmContext context) {
        FluxConfiguration configuration = repository.findById(FluxConfiguration.Key.of(cluster.id(), name)).orElse(null);
        if (configuration == null) {
            return new Deletion(false, Optional.empty());
        }
        String resourceId = resourceId(cluster, configuration.name());
        if (force || !ConnectivityPolicy.CONNECTED.equals(clusters.connectivityStatus(cluster.id()))) {
            repository.delete(configuration);
            changes.changed(cluster.id());
            operations.completeNow(resourceId, 200);
            return new Deletion(true, Optional.empty());
        }
        if (configuration.isDeleting()) {
            throw new ArmException(HttpStatus.CONFLICT, "AnotherOperationInProgress",
                    "The flux configuration '" + configuration.name() + "' is already being deleted.");
        }
        configuration.markDeleting(context.caller().actor(), clock.instant());
        repository.saveAndFlush(configuration);
        changes.changed(cluster.id());
        Duration grace = properties.deletionGracePeriod();
        return new Deletion(true, Optional.of(operations.start(new AsyncOperations.Start(FluxOperations.DELETE,
                resourceId, cluster.subscriptionId(), NAMESPACE, cluster.location(), context.apiVersion(),
                UUID.fromString(context.caller().tenantId()), context.caller().objectId(), grace))));
    }

    /** The decrypted secrets, for the cluster's own agent only (the data plane calls this). */
    Map<String, String> openSecrets(FluxConfiguration configuration) {
        if (configuration.sealed() == null) {
            return Map.of();
        }
        byte[] plain = secrets.open(configuration.sealed(), configuration.sealedFor());
        @SuppressWarnings("unchecked")
        Map<String, String> settings = JSON.readValue(new String(plain, StandardCharsets.UTF_8), Map.class);
        return settings;
    }

    private FluxConfiguration find(ClusterReference cluster, String name) {
        return repository.findById(FluxConfiguration.Key.of(cluster.id(), name))
                .orElseThrow(() -> ArmException.notFound("ResourceNotFound", "The flux configuration '"
                        + Bounded.text(name) + "' was not found on the cluster."));
    }

    private static void requireNotDeleting(FluxConfiguration existing) {
        if (existing.isDeleting()) {
            throw new ArmException(HttpStatus.CONFLICT, "AnotherOperationInProgress",
                    "The flux configuration '" + existing.name() + "' is being deleted.");
        }
    }

    /** RFC 7386: null removes, objects merge, anything else replaces. */
    private static void mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject() || !target.isObject()) {
            throw ArmException.badRequest("InvalidRequestContent", "The property 'properties' must be an object.",
                    "properties");
        }
        ObjectNode object = (ObjectNode) target;
        for (var entry : patch.properties()) {
            JsonNode value = entry.getValue();
            JsonNode current = object.get(entry.getKey());
            if (value.isNull()) {
                object.remove(entry.getKey());
            } else if (value.isObject() && current != null && current.isObject()) {
                mergePatch(current, value);
            } else {
                object.set(entry.getKey(), value.deepCopy());
            }
        }
    }
}

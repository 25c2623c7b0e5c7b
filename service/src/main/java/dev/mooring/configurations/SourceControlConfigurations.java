package dev.mooring.configurations;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.pipeline.ArmRequest;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperations;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.paging.Paging;
import dev.mooring.clusters.ClusterParents;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.clusters.ClusterDirectory;
import dev.mooring.secrets.SecretBox;
import dev.mooring.tenancy.ProviderRegistrations;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Source control configurations of connected clusters: create or replace, read, list, delete. */
@Service
class SourceControlConfigurations {

    static final String NAMESPACE = "Microsoft.KubernetesConfiguration";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A configuration, the cluster it belongs to, and whether the PUT created it. */
    record Located(SourceControlConfiguration configuration, ClusterReference cluster, boolean created) {

        String resourceId() {
            return cluster.resourceId() + "/providers/" + SourceControlConfiguration.TYPE + "/" + configuration.name();
        }
    }

    private final ConfigurationRepository repository;
    private final ClusterDirectory clusters;
    private final ClusterParents parents;
    private final ProviderRegistrations providers;
    private final AsyncOperations operations;
    private final SecretBox secrets;
    private final ConfigurationsProperties properties;
    private final ConfigurationVersions versions;
    private final Clock clock;

    SourceControlConfigurations(ConfigurationRepository repository, ClusterDirectory clusters, ClusterParents parents,
            ProviderRegistrations providers, AsyncOperations operations, SecretBox secrets,
            ConfigurationsProperties properties, ConfigurationVersions versions, Clock clock) {
        this.repository = repository;
        this.clusters = clusters;
        this.parents = parents;
        this.providers = providers;
        this.operations = operations;
        this.secrets = secrets;
        this.properties = properties;
        this.versions = versions;
        this.clock = clock;
    }

    /** The parent cluster of an extension resource path, or ARM's 400/404. */
    ClusterReference cluster(UUID subscriptionId, String resourceGroup, String clusterRp, String clusterResourceName,
            String clusterName) {
        return clusters.requireParent(subscriptionId, resourceGroup, clusterRp, clusterResourceName, clusterName);
    }

    @Transactional
    Located put(ClusterReference cluster, String name, ConfigurationWireModel model, tools.jackson.databind.JsonNode body,
            CallerIdentity caller) {
        ConfigurationRequests.requireValidName(name);
        parents.requireWritable(cluster);
        providers.requireRegistered(cluster.subscriptionId(), NAMESPACE);
        ConfigurationSpec spec = model.readPut(body, name);
        SourceControlConfiguration existing = repository.findById(SourceControlConfiguration.Key.of(cluster.id(), name))
                .orElse(null);
        SourceControlConfiguration saved;
        if (existing == null) {
            saved = SourceControlConfiguration.create(cluster.id(), cluster.subscriptionId(), name, spec, caller.actor(),
                    clock.instant());
        } else {
            if (existing.isDeleting()) {
                throw new ArmException(HttpStatus.CONFLICT, "AnotherOperationInProgress",
                        "The configuration '" + existing.name() + "' is being deleted.");
            }
            requireOperatorUnchanged(existing, spec);
            existing.replace(name, spec, caller.actor(), clock.instant());
            saved = existing;
        }
        if (spec.protectedSettings() != null) {
            saved.seal(secrets.seal(JSON.writeValueAsBytes(spec.protectedSettings()), saved.sealedFor()));
        }
        Located located = new Located(repository.saveAndFlush(saved), cluster, existing == null);
        versions.changed(cluster.id());
        return located;
    }

    @Transactional(readOnly = true)
    Located get(ClusterReference cluster, String name) {
        return repository.findById(SourceControlConfiguration.Key.of(cluster.id(), name))
                .map(c -> new Located(c, cluster, false))
                .orElseThrow(() -> ArmException.notFound("ResourceNotFound", "The source control configuration '"
                        + Bounded.text(name) + "' was not found on the cluster."));
    }

    @Transactional(readOnly = true)
    <T> Paging.Page<T> list(ClusterReference cluster, java.util.function.Function<Located, T> view,
            ArmContext context) {
        Paging.Request page = context.page();
        return Paging.page(repository.page(cluster.id(), page.after() == null ? "" : page.after(), page.fetchSize()),
                page, c -> c.key().nameKey(), c -> view.apply(new Located(c, cluster, false)), context.requestUrl());
    }

    /**
     * Marks the configuration Deleting and starts an operation that removes it once the cluster's agent
     * acknowledges the removal, or when the grace period ends. Empty when there is no such configuration.
     */
    @Transactional
    Optional<AsyncOperation> startDelete(ClusterReference cluster, String name, ArmContext context) {
        SourceControlConfiguration configuration = repository.findById(SourceControlConfiguration.Key.of(cluster.id(), name))
                .orElse(null);
        if (configuration == null) {
            return Optional.empty();
        }
        String resourceId = new Located(configuration, cluster, false).resourceId();
        if (configuration.isDeleting()) {
            throw new ArmException(HttpStatus.CONFLICT, "AnotherOperationInProgress",
                    "The configuration '" + configuration.name() + "' is already being deleted.");
        }
        configuration.markDeleting(context.caller().actor(), clock.instant());
        repository.saveAndFlush(configuration);
        versions.changed(cluster.id());
        return Optional.of(operations.start(new AsyncOperations.Start(ConfigurationDeletion.KIND, resourceId,
                cluster.subscriptionId(), NAMESPACE, cluster.location(), context.apiVersion(),
                UUID.fromString(context.caller().tenantId()), context.caller().objectId(), properties.deletionGracePeriod())));
    }

    /** The decrypted protected settings, for the cluster's own agent only (the data plane calls this). */
    @Transactional
    Map<String, String> openProtectedSettings(SourceControlConfiguration configuration) {
        if (configuration.sealed() == null) {
            return Map.of();
        }
        byte[] plain = secrets.open(configuration.sealed(), configuration.sealedFor());
        @SuppressWarnings("unchecked")
        Map<String, String> settings = JSON.readValue(new String(plain, StandardCharsets.UTF_8), Map.class);
        return settings;
    }

    private static void requireOperatorUnchanged(SourceControlConfiguration existing, ConfigurationSpec spec) {
        check("operatorNamespace", existing.operatorNamespace(), spec.operatorNamespace());
        check("operatorInstanceName", existing.operatorInstanceName(), spec.operatorInstanceName());
        check("operatorType", existing.operatorType(), spec.operatorType());
        check("operatorScope", existing.operatorScope(), spec.operatorScope());
    }

    private static void check(String property, String stored, String requested) {
        if (!Objects.equals(stored, requested)) {
            throw ArmException.badRequest("PropertyChangeNotAllowed", "Changing property '" + property + "' is not"
                    + " allowed: the cluster's agent has already acted on it. Delete the configuration and create it"
                    + " again to change it.", "properties." + property);
        }
    }
}

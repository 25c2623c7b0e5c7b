package dev.mooring.extensions;

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
import dev.mooring.configurations.DesiredStateVersions;
import dev.mooring.secrets.SecretBox;
import dev.mooring.tenancy.ProviderRegistrations;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Extensions of connected clusters: create or replace, update, read, list, delete. Every write is checked
 * against the catalogue before anything is stored, bumps the cluster's desired-state version (its agent
 * installs, upgrades or removes) and starts an operation that the agent's report completes.
 */
@Service
class Extensions {

    static final String NAMESPACE = "Microsoft.KubernetesConfiguration";
    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9](?:[-.A-Za-z0-9]{0,251}[A-Za-z0-9])?$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An extension, the cluster it belongs to, and the operation the write started (null for reads). */
    record Located(ClusterExtension extension, ClusterReference cluster, boolean created, AsyncOperation operation) {

        Located(ClusterExtension extension, ClusterReference cluster) {
            this(extension, cluster, false, null);
        }

        String resourceId() {
            return resourceId(cluster, extension.name());
        }

        static String resourceId(ClusterReference cluster, String name) {
            return cluster.resourceId() + "/providers/" + ClusterExtension.TYPE + "/" + name;
        }
    }

    private final ExtensionRepository repository;
    private final ExtensionCatalogue catalogue;
    private final ClusterDirectory clusters;
    private final ClusterParents parents;
    private final ProviderRegistrations providers;
    private final AsyncOperations operations;
    private final SecretBox secrets;
    private final ExtensionsProperties properties;
    private final DesiredStateVersions versions;
    private final Clock clock;

    Extensions(ExtensionRepository repository, ExtensionCatalogue catalogue, ClusterDirectory clusters,
            ClusterParents parents, ProviderRegistrations providers, AsyncOperations operations, SecretBox secrets,
            ExtensionsProperties properties, DesiredStateVersions versions, Clock clock) {
        this.repository = repository;
        this.catalogue = catalogue;
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

    /** A PUT: creates the extension or replaces its mutable properties (type and scope are immutable). */
    @Transactional
    Located put(ClusterReference cluster, String name, ExtensionSpec requested, ArmContext context) {
        requireValidName(name);
        parents.requireWritable(cluster);
        providers.requireRegistered(cluster.subscriptionId(), NAMESPACE);
        ExtensionSpec spec = requested.namespace() != null ? requested
                : requested.inNamespace(catalogue.require(requested.extensionType()).defaultNamespace());
        ExtensionCatalogue.Resolved resolved = catalogue.resolve(spec);
        ClusterExtension existing = repository.findById(ClusterExtension.Key.of(cluster.id(), name)).orElse(null);
        if (existing == null) {
            return create(cluster, name, spec, resolved, context);
        }
        requireNotBusy(existing);
        requireUnchanged("extensionType", existing.extensionType(), spec.extensionType());
        requireUnchanged("scope", existing.scope(), spec.scope());
        requireUnchanged("scope namespace", existing.namespace(), spec.namespace());
        return update(cluster, existing, spec, resolved, context);
    }

    /** A PATCH: {@code patch} turns the stored extension's spec into the requested one. */
    @Transactional
    Located patch(ClusterReference cluster, String name, Function<ExtensionSpec, ExtensionSpec> patch, ArmContext context) {
        parents.requireWritable(cluster);
        ClusterExtension existing = get(cluster, name).extension();
        requireNotBusy(existing);
        ExtensionSpec spec = patch.apply(specOf(existing));
        return update(cluster, existing, spec, catalogue.resolve(spec), context);
    }

    Located create(ClusterReference cluster, String name, ExtensionSpec spec, ExtensionCatalogue.Resolved resolved,
            ArmContext context) {
        CallerIdentity caller = context.caller();
        ClusterExtension extension = ClusterExtension.create(cluster.id(), cluster.subscriptionId(), name,
                pinIfFixed(spec, resolved), resolved.version(), resolved.packageUri(), UUID.fromString(caller.tenantId()),
                caller.actor(), clock.instant());
        sealProtectedSettings(extension, spec);
        ClusterExtension saved = repository.saveAndFlush(extension);
        versions.changed(cluster.id());
        return new Located(saved, cluster, true, startOperation(cluster, saved, ExtensionWriteOperation.KIND,
                properties.operationTimeout(), context));
    }

    private Located update(ClusterReference cluster, ClusterExtension existing, ExtensionSpec spec,
            ExtensionCatalogue.Resolved resolved, ArmContext context) {
        existing.apply(pinIfFixed(spec, resolved), resolved.version(), resolved.packageUri(), context.caller().actor(),
                clock.instant());
        sealProtectedSettings(existing, spec);
        ClusterExtension saved = repository.saveAndFlush(existing);
        versions.changed(cluster.id());
        return new Located(saved, cluster, false, startOperation(cluster, saved, ExtensionWriteOperation.KIND,
                properties.operationTimeout(), context));
    }

    @Transactional(readOnly = true)
    Located get(ClusterReference cluster, String name) {
        return repository.findById(ClusterExtension.Key.of(cluster.id(), name))
                .map(e -> new Located(e, cluster))
                .orElseThrow(() -> ArmException.notFound("ResourceNotFound", "The extension '" + Bounded.text(name)
                        + "' was not found on the cluster."));
    }

    @Transactional(readOnly = true)
    <T> Paging.Page<T> list(ClusterReference cluster, Function<Located, T> view, ArmContext context) {
        Paging.Request page = context.page();
        return Paging.page(repository.page(cluster.id(), page.after() == null ? "" : page.after(), page.fetchSize()),
                page, e -> e.key().nameKey(), e -> view.apply(new Located(e, cluster)), context.requestUrl());
    }

    /** How a DELETE ended: gone at once (no such extension, forced, or no connected agent to wait for), or waiting. */
    record Deletion(boolean existed, AsyncOperation operation) {
    }

    /**
     * Deletes the extension. With {@code force}, or when the cluster's agent is not connected, it goes at once;
     * otherwise it is marked Deleting and an operation waits for the agent's removal report.
     */
    @Transactional
    Deletion delete(ClusterReference cluster, String name, boolean force, ArmContext context) {
        ClusterExtension extension = repository.findById(ClusterExtension.Key.of(cluster.id(), name)).orElse(null);
        if (extension == null) {
            return new Deletion(false, null);
        }
        String resourceId = Located.resourceId(cluster, extension.name());
        if (force || !ConnectivityPolicy.CONNECTED.equals(clusters.connectivityStatus(cluster.id()))) {
            repository.delete(extension);
            versions.changed(cluster.id());
            operations.completeNow(resourceId, 200);
            return new Deletion(true, null);
        }
        if (extension.isDeleting()) {
            throw new ArmException(HttpStatus.CONFLICT, "AnotherOperationInProgress", "The extension '"
                    + extension.name() + "' is already being deleted; delete with forceDelete=true to remove it at once.");
        }
        extension.markDeleting(context.caller().actor(), clock.instant());
        repository.saveAndFlush(extension);
        versions.changed(cluster.id());
        return new Deletion(true, startOperation(cluster, extension, ExtensionDeleteOperation.KIND,
                properties.deletionGracePeriod(), context));
    }

    /** The decrypted protected settings, for the cluster's own agent only (the data plane's section calls this). */
    Map<String, String> openProtectedSettings(ClusterExtension extension) {
        if (extension.sealed() == null) {
            return Map.of();
        }
        byte[] plain = secrets.open(extension.sealed(), extension.sealedFor());
        @SuppressWarnings("unchecked")
        Map<String, String> settings = JSON.readValue(new String(plain, StandardCharsets.UTF_8), Map.class);
        java.util.Arrays.fill(plain, (byte) 0);
        return settings;
    }

    /** The stored extension as a spec, for a PATCH to change (protected settings: none given, so kept). */
    static ExtensionSpec specOf(ClusterExtension e) {
        return new ExtensionSpec(e.extensionType(), e.releaseTrain(), e.pinnedVersion(), e.autoUpgradeMinorVersion(),
                e.autoUpgradeMode(), e.scope(), e.namespace(), e.configurationSettings(), null,
                e.identityType() != null);
    }

    static void requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ArmException.badRequest("InvalidExtensionName", "The extension name '" + Bounded.text(name)
                    + "' is not valid: use at most 253 letters, digits, '-' and '.', starting and ending with a letter or"
                    + " digit.", "extensionName");
        }
    }

    /** With auto-upgrade off and no version asked, the extension stays at the version it resolved to now. */
    private static ExtensionSpec pinIfFixed(ExtensionSpec spec, ExtensionCatalogue.Resolved resolved) {
        if (spec.autoUpgradeMinorVersion() || spec.version() != null) {
            return spec;
        }
        return new ExtensionSpec(spec.extensionType(), spec.releaseTrain(), resolved.version(), false,
                spec.autoUpgradeMode(), spec.scope(), spec.namespace(), spec.configurationSettings(),
                spec.protectedSettings(), spec.systemAssignedIdentity());
    }

    private void sealProtectedSettings(ClusterExtension extension, ExtensionSpec spec) {
        if (spec.protectedSettings() != null) {
            extension.seal(secrets.seal(JSON.writeValueAsBytes(spec.protectedSettings()), extension.sealedFor()));
        }
    }

    private static void requireNotBusy(ClusterExtension existing) {
        if (existing.isDeleting()) {
            throw new ArmException(HttpStatus.CONFLICT, "AnotherOperationInProgress",
                    "The extension '" + existing.name() + "' is being deleted.");
        }
    }

    private AsyncOperation startOperation(ClusterReference cluster, ClusterExtension extension, String kind,
            Duration timeout, ArmContext context) {
        String resourceId = Located.resourceId(cluster, extension.name());
        operations.completeNow(resourceId, 200);
        return operations.start(new AsyncOperations.Start(kind, resourceId, cluster.subscriptionId(), NAMESPACE,
                cluster.location(), context.apiVersion(), UUID.fromString(context.caller().tenantId()),
                context.caller().objectId(), timeout));
    }

    private static void requireUnchanged(String property, String stored, String requested) {
        if (!Objects.equals(stored == null ? null : stored.toLowerCase(java.util.Locale.ROOT),
                requested == null ? null : requested.toLowerCase(java.util.Locale.ROOT))) {
            throw ArmException.badRequest("PropertyChangeNotAllowed", "Changing the extension's " + property
                    + " is not allowed. Delete the extension and create it again to change it.", "properties."
                    + (property.startsWith("scope") ? "scope" : property));
        }
    }
}

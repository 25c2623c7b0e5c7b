package dev.mooring.extensions;

import dev.mooring.arm.ArmContext;
import dev.mooring.clusters.ClusterParents;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.tenancy.ProviderRegistrations;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Extensions as other features see them (fluxConfigurations needs {@code microsoft.flux}): whether a cluster has
 * an extension of a type, and installing one with the catalogue's defaults, as Arc does when a feature needs it.
 */
@Service
public class ClusterExtensions {

    /** An extension of a cluster, as other features need to know it. */
    public record InstalledExtension(String resourceId, String name, String extensionType, String scope,
            String namespace, String provisioningState, String version, String currentVersion) {

        static InstalledExtension of(Extensions.Located located) {
            ClusterExtension e = located.extension();
            return new InstalledExtension(located.resourceId(), e.name(), e.extensionType(), e.scope(), e.namespace(),
                    e.provisioningState(), e.targetVersion(), e.currentVersion());
        }
    }

    private final ExtensionRepository repository;
    private final Extensions extensions;
    private final ExtensionCatalogue catalogue;
    private final ClusterParents parents;
    private final ProviderRegistrations providers;

    ClusterExtensions(ExtensionRepository repository, Extensions extensions, ExtensionCatalogue catalogue,
            ClusterParents parents, ProviderRegistrations providers) {
        this.repository = repository;
        this.extensions = extensions;
        this.catalogue = catalogue;
        this.parents = parents;
        this.providers = providers;
    }

    /**
     * The cluster's extension of {@code extensionType} (compared case-insensitively), if it has one that is not
     * being removed; the first by name when it has several.
     */
    @Transactional(readOnly = true)
    public Optional<InstalledExtension> installed(ClusterReference cluster, String extensionType) {
        return repository.firstOfType(cluster.id(), extensionType)
                .filter(e -> !e.isRemovalRequested())
                .map(e -> InstalledExtension.of(new Extensions.Located(e, cluster)));
    }

    /** Whether the cluster has an extension of {@code extensionType} that is not being removed. */
    public boolean isInstalled(ClusterReference cluster, String extensionType) {
        return installed(cluster, extensionType).isPresent();
    }

    /**
     * The cluster's extension of {@code extensionType}; when it has none, creates one as a PUT would, with the
     * catalogue's defaults for the type (its default name and namespace, cluster scope, the Stable train,
     * auto-upgrade on) in the caller's transaction, and starts its operation as the caller of {@code context}.
     * A type the catalogue does not offer is a 400; an extension of that type being deleted is a 409.
     */
    @Transactional
    public InstalledExtension ensureInstalled(ClusterReference cluster, String extensionType, ArmContext context) {
        Optional<ClusterExtension> existing = repository.firstOfType(cluster.id(), extensionType);
        if (existing.isPresent()) {
            if (existing.get().isRemovalRequested()) {
                throw new dev.mooring.arm.errors.ArmException(org.springframework.http.HttpStatus.CONFLICT,
                        "AnotherOperationInProgress", "The cluster's extension '" + existing.get().name() + "' of type '"
                        + existing.get().extensionType() + "' is being deleted; wait for the deletion to finish.");
            }
            return InstalledExtension.of(new Extensions.Located(existing.get(), cluster));
        }
        parents.requireWritable(cluster);
        providers.requireRegistered(cluster.subscriptionId(), Extensions.NAMESPACE);
        ExtensionsProperties.ExtensionType type = catalogue.require(extensionType);
        repository.findById(ClusterExtension.Key.of(cluster.id(), type.defaultName())).ifPresent(taken -> {
            throw new dev.mooring.arm.errors.ArmException(org.springframework.http.HttpStatus.CONFLICT,
                    "ExtensionNameInUse", "The cluster's extension '" + taken.name() + "' (of type '"
                    + taken.extensionType() + "') holds the name an extension of type '" + type.type() + "' is"
                    + " installed under; delete or rename it first.");
        });
        ExtensionSpec spec = new ExtensionSpec(type.type(), ExtensionRequests.DEFAULT_TRAIN, null, true, null,
                type.scopes().contains(ExtensionSpec.CLUSTER) ? ExtensionSpec.CLUSTER : ExtensionSpec.NAMESPACE,
                type.defaultNamespace(), Map.of(), null, false);
        return InstalledExtension.of(extensions.create(cluster, type.defaultName(), spec, catalogue.resolve(spec),
                context));
    }
}

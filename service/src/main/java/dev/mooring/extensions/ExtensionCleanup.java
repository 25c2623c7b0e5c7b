package dev.mooring.extensions;

import dev.mooring.clusters.ClusterDeletionHook;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.tenancy.ProviderResources;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Extensions go with their cluster, and Microsoft.KubernetesConfiguration stays registered while any remain.
 */
@Component
class ExtensionCleanup implements ClusterDeletionHook, ProviderResources {

    private final ExtensionRepository repository;

    ExtensionCleanup(ExtensionRepository repository) {
        this.repository = repository;
    }

    @Override
    public void clusterDeleted(ClusterReference cluster) {
        repository.deleteAll(repository.allOf(cluster.id()));
        repository.flush();
    }

    @Override
    public String namespace() {
        return Extensions.NAMESPACE;
    }

    @Override
    public long countIn(UUID subscriptionId) {
        return repository.countInSubscription(subscriptionId);
    }
}

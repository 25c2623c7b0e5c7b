package dev.mooring.configurations;

import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperationHandler;
import dev.mooring.clusters.ClusterDeletionHook;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.tenancy.ProviderResources;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Removes configurations: when a delete's grace period ends without the agent's acknowledgement (the
 * operation was started with that delay), when their cluster is deleted, and it counts them so that
 * Microsoft.KubernetesConfiguration stays registered while any remain.
 */
@Component
class ConfigurationDeletion implements AsyncOperationHandler, ClusterDeletionHook, ProviderResources {

    static final String KIND = "Microsoft.KubernetesConfiguration/sourceControlConfigurations/delete";
    private static final String SEGMENT = "/providers/microsoft.kubernetesconfiguration/sourcecontrolconfigurations/";

    private final ConfigurationRepository repository;
    private final ConfigurationVersions versions;

    ConfigurationDeletion(ConfigurationRepository repository, ConfigurationVersions versions) {
        this.repository = repository;
        this.versions = versions;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int run(AsyncOperation operation) {
        String id = operation.resourceId();
        int at = id.toLowerCase(Locale.ROOT).indexOf(SEGMENT);
        String clusterId = id.substring(0, at);
        String name = id.substring(at + SEGMENT.length());
        String[] c = clusterId.split("/");
        repository.findByNames(operation.subscriptionId(), c[4], c[8], name)
                .filter(SourceControlConfiguration::isDeleting)
                .ifPresent(configuration -> {
                    repository.delete(configuration);
                    versions.changed(configuration.key().clusterId());
                });
        return 200;
    }

    @Override
    public void clusterDeleted(ClusterReference cluster) {
        repository.deleteAll(repository.allOf(cluster.id()));
        repository.flush();
    }

    @Override
    public String namespace() {
        return SourceControlConfigurations.NAMESPACE;
    }

    @Override
    public long countIn(UUID subscriptionId) {
        return repository.countInSubscription(subscriptionId);
    }
}

package dev.mooring.configurations;

import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperationHandler;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.clusters.ClusterDeletionHook;
import dev.mooring.clusters.ClusterDirectory;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.tenancy.ProviderResources;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Ends a delete's wait for the agent when the grace period is over (the operation was started with that delay):
 * an agent still Connected that has not confirmed fails the delete and the configuration is Failed, one that went
 * away no longer holds the configuration back. Also removes configurations when their cluster is deleted, and
 * counts them so that Microsoft.KubernetesConfiguration stays registered while any remain.
 */
@Component
class ConfigurationDeletion implements AsyncOperationHandler, ClusterDeletionHook, ProviderResources {

    static final String KIND = "Microsoft.KubernetesConfiguration/sourceControlConfigurations/delete";
    private static final String SEGMENT = "/providers/microsoft.kubernetesconfiguration/sourcecontrolconfigurations/";

    private final ConfigurationRepository repository;
    private final SourceControlConfigurations configurations;
    private final ConfigurationVersions versions;
    private final ClusterDirectory clusters;
    private final ConfigurationsProperties properties;

    ConfigurationDeletion(ConfigurationRepository repository, SourceControlConfigurations configurations,
            ConfigurationVersions versions, ClusterDirectory clusters, ConfigurationsProperties properties) {
        this.repository = repository;
        this.configurations = configurations;
        this.versions = versions;
        this.clusters = clusters;
        this.properties = properties;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int run(AsyncOperation operation) {
        deleting(operation).ifPresent(configuration -> {
            if (clusters.agentConnected(configuration.key().clusterId())) {
                throw new ArmException(HttpStatus.CONFLICT, "AgentDidNotConfirmRemoval", "The cluster's agent is"
                        + " connected but did not confirm removing the configuration '" + configuration.name()
                        + "' within " + graceText() + ", so it may still be"
                        + " on the cluster. The configuration is kept with provisioningState Failed: check the agent's"
                        + " logs, then delete it again.");
            }
            configurations.remove(configuration);
        });
        return 200;
    }

    @Override
    public void failed(AsyncOperation operation) {
        deleting(operation).ifPresent(configuration -> {
            configuration.markFailed();
            repository.saveAndFlush(configuration);
            versions.changed(configuration.key().clusterId());
        });
    }

    private String graceText() {
        java.time.Duration grace = properties.deletionGracePeriod();
        return grace.toSecondsPart() == 0 && grace.toMinutes() > 0 ? grace.toMinutes() + " minutes"
                : grace.toSeconds() + " seconds";
    }

    private Optional<SourceControlConfiguration> deleting(AsyncOperation operation) {
        String id = operation.resourceId();
        int at = id.toLowerCase(Locale.ROOT).indexOf(SEGMENT);
        String[] cluster = id.substring(0, at).split("/");
        return repository.findByNames(operation.subscriptionId(), cluster[4], cluster[8], id.substring(at + SEGMENT.length()))
                .filter(SourceControlConfiguration::isDeleting);
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

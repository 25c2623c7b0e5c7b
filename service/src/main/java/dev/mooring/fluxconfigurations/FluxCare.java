package dev.mooring.fluxconfigurations;

import dev.mooring.clusters.ClusterDeletionHook;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.configurations.ConfigurationsProperties;
import dev.mooring.secrets.Sealed;
import dev.mooring.secrets.SealedRows;
import dev.mooring.tenancy.ProviderResources;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Flux configurations' part in other features' lifecycles: they go with their cluster, they keep
 * Microsoft.KubernetesConfiguration registered while any remain, their secrets are purged a while after the agent
 * fetched them ({@code mooring.configurations.protected-settings-retention}, as for every protected setting) and
 * re-sealed under the active key when asked.
 */
@Component
class FluxCare extends SealedRows<FluxConfiguration> implements ClusterDeletionHook, ProviderResources {

    private static final Logger log = LoggerFactory.getLogger(FluxCare.class);

    private final FluxConfigurationRepository repository;
    private final ConfigurationsProperties properties;
    private final Clock clock;

    FluxCare(FluxConfigurationRepository repository, ConfigurationsProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void clusterDeleted(ClusterReference cluster) {
        repository.deleteAll(repository.allOf(cluster.id()));
        repository.flush();
    }

    @Override
    public String namespace() {
        return FluxConfigurations.NAMESPACE;
    }

    @Override
    public long countIn(UUID subscriptionId) {
        return repository.countInSubscription(subscriptionId);
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    @Transactional
    public int purgeFetched() {
        int purged = repository.purgeFetchedBefore(clock.instant().minus(properties.protectedSettingsRetention()));
        if (purged > 0) {
            log.info("Purged the secrets of {} flux configuration(s) fetched by their agents", purged);
        }
        return purged;
    }

    @Override
    public String kind() {
        return "flux configuration secrets";
    }

    @Override
    protected List<FluxConfiguration> sealedUnderOtherKeys(String activeKeyId) {
        return repository.sealedUnderOtherKeys(activeKeyId);
    }

    @Override
    protected Optional<FluxConfiguration> reload(FluxConfiguration row) {
        return repository.findById(row.key());
    }

    @Override
    protected Sealed sealed(FluxConfiguration row) {
        return row.sealed();
    }

    @Override
    protected String sealedFor(FluxConfiguration row) {
        return row.sealedFor();
    }

    @Override
    protected void reseal(FluxConfiguration row, Sealed sealed) {
        row.seal(sealed);
    }
}

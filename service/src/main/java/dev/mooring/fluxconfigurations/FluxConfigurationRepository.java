package dev.mooring.fluxconfigurations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;

interface FluxConfigurationRepository extends JpaRepository<FluxConfiguration, FluxConfiguration.Key> {

    @NativeQuery("""
            select * from flux_configurations
             where cluster_id = :clusterId and name_key > :after
             order by name_key
             limit :limit""")
    List<FluxConfiguration> page(UUID clusterId, String after, int limit);

    /** A configuration by its parent cluster's ARM names (all compared lower-cased). */
    @NativeQuery("""
            select f.* from flux_configurations f
              join connected_clusters c on c.id = f.cluster_id
             where c.subscription_id = :subscriptionId and c.resource_group_key = lower(:resourceGroup)
               and c.name_key = lower(:clusterName) and f.name_key = lower(:name)""")
    java.util.Optional<FluxConfiguration> findByNames(UUID subscriptionId, String resourceGroup, String clusterName,
            String name);

    @NativeQuery("select * from flux_configurations where cluster_id = :clusterId order by name_key")
    List<FluxConfiguration> allOf(UUID clusterId);

    @NativeQuery("select count(*) from flux_configurations where subscription_id = :subscriptionId")
    long countInSubscription(UUID subscriptionId);

    @NativeQuery("select * from flux_configurations where protected_settings_key_id <> :activeKeyId")
    List<FluxConfiguration> sealedUnderOtherKeys(String activeKeyId);

    @Modifying
    @NativeQuery("""
            update flux_configurations set protected_settings_fetched_at = :at, version = version + 1
             where cluster_id = :clusterId and protected_settings is not null and protected_settings_fetched_at is null""")
    int markFetched(UUID clusterId, Instant at);

    /** Drops secrets the agent fetched before {@code cutoff}. */
    @Modifying
    @NativeQuery("""
            update flux_configurations
               set protected_settings = null, protected_settings_key_id = null, version = version + 1
             where protected_settings is not null and protected_settings_fetched_at < :cutoff""")
    int purgeFetchedBefore(Instant cutoff);
}

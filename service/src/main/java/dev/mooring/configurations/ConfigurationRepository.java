package dev.mooring.configurations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;

interface ConfigurationRepository extends JpaRepository<SourceControlConfiguration, SourceControlConfiguration.Key> {

    @NativeQuery("""
            select * from source_control_configurations
             where cluster_id = :clusterId and name_key > :after
             order by name_key
             limit :limit""")
    List<SourceControlConfiguration> page(UUID clusterId, String after, int limit);

    /** A configuration by its parent cluster's ARM names (all compared lower-cased). */
    @NativeQuery("""
            select s.* from source_control_configurations s
              join connected_clusters c on c.id = s.cluster_id
             where c.subscription_id = :subscriptionId and c.resource_group_key = lower(:resourceGroup)
               and c.name_key = lower(:clusterName) and s.name_key = lower(:name)""")
    java.util.Optional<SourceControlConfiguration> findByNames(UUID subscriptionId, String resourceGroup,
            String clusterName, String name);

    @NativeQuery("select * from source_control_configurations where cluster_id = :clusterId")
    List<SourceControlConfiguration> allOf(UUID clusterId);

    @NativeQuery("select count(*) from source_control_configurations where subscription_id = :subscriptionId")
    long countInSubscription(UUID subscriptionId);

    @NativeQuery("select * from source_control_configurations where protected_settings_key_id <> :activeKeyId")
    List<SourceControlConfiguration> sealedUnderOtherKeys(String activeKeyId);

    /** Drops protected settings the agent fetched before {@code cutoff}. */
    @Modifying
    @NativeQuery("""
            update source_control_configurations
               set protected_settings = null, protected_settings_key_id = null
             where protected_settings is not null and protected_settings_fetched_at < :cutoff""")
    int purgeFetchedBefore(Instant cutoff);
}

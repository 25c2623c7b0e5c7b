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

    @Modifying
    @NativeQuery("""
            insert into cluster_configuration_versions (cluster_id, version) values (:clusterId, 1)
            on conflict (cluster_id) do update set version = cluster_configuration_versions.version + 1""")
    int bumpVersion(UUID clusterId);

    @NativeQuery("select coalesce((select version from cluster_configuration_versions where cluster_id = :clusterId), 0)")
    long version(UUID clusterId);

    @Modifying
    @NativeQuery("""
            update source_control_configurations set protected_settings_fetched_at = :at, version = version + 1
             where cluster_id = :clusterId and protected_settings is not null and protected_settings_fetched_at is null""")
    int markFetched(UUID clusterId, Instant at);

    /** What the agent reports about a configuration; not a user write, so it leaves the version alone. */
    @Modifying
    @NativeQuery("""
            update source_control_configurations
               set compliance_state = :state, compliance_message = :message, compliance_message_level = :level,
                   last_config_applied = :lastApplied,
                   repository_public_key = coalesce(:repositoryPublicKey, repository_public_key)
             where cluster_id = :clusterId and name_key = lower(:name)""")
    int reportStatus(UUID clusterId, String name, String state, String message, String level, Instant lastApplied,
            String repositoryPublicKey);

    /** Drops protected settings the agent fetched before {@code cutoff}. */
    @Modifying
    @NativeQuery("""
            update source_control_configurations
               set protected_settings = null, protected_settings_key_id = null, version = version + 1
             where protected_settings is not null and protected_settings_fetched_at < :cutoff""")
    int purgeFetchedBefore(Instant cutoff);
}

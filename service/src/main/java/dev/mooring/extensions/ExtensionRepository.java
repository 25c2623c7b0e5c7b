package dev.mooring.extensions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;

interface ExtensionRepository extends JpaRepository<ClusterExtension, ClusterExtension.Key> {

    @NativeQuery("""
            select * from cluster_extensions
             where cluster_id = :clusterId and name_key > :after
             order by name_key
             limit :limit""")
    List<ClusterExtension> page(UUID clusterId, String after, int limit);

    @NativeQuery("select * from cluster_extensions where cluster_id = :clusterId order by name_key")
    List<ClusterExtension> allOf(UUID clusterId);

    @NativeQuery("""
            select * from cluster_extensions
             where cluster_id = :clusterId and lower(extension_type) = lower(:extensionType)
             order by name_key limit 1""")
    Optional<ClusterExtension> firstOfType(UUID clusterId, String extensionType);

    /** An extension by its parent cluster's ARM names (all compared lower-cased). */
    @NativeQuery("""
            select e.* from cluster_extensions e
              join connected_clusters c on c.id = e.cluster_id
             where c.subscription_id = :subscriptionId and c.resource_group_key = lower(:resourceGroup)
               and c.name_key = lower(:clusterName) and e.name_key = lower(:name)""")
    Optional<ClusterExtension> findByNames(UUID subscriptionId, String resourceGroup, String clusterName, String name);

    @NativeQuery("select count(*) from cluster_extensions where subscription_id = :subscriptionId")
    long countInSubscription(UUID subscriptionId);

    @NativeQuery("select * from cluster_extensions where protected_settings_key_id <> :activeKeyId")
    List<ClusterExtension> sealedUnderOtherKeys(String activeKeyId);

    /** Extensions that follow their release train (auto-upgrade on, not being deleted). */
    @NativeQuery("""
            select * from cluster_extensions
             where auto_upgrade_minor_version and coalesce(auto_upgrade_mode, 'compatible') <> 'none'
               and provisioning_state <> 'Deleting'""")
    List<ClusterExtension> followingTrains();

    @Modifying
    @NativeQuery("""
            update cluster_extensions set protected_settings_fetched_at = :at, version = version + 1
             where cluster_id = :clusterId and protected_settings is not null and protected_settings_fetched_at is null""")
    int markFetched(UUID clusterId, Instant at);

    /** Drops protected settings the agent fetched before {@code cutoff}. */
    @Modifying
    @NativeQuery("""
            update cluster_extensions
               set protected_settings = null, protected_settings_key_id = null, version = version + 1
             where protected_settings is not null and protected_settings_fetched_at < :cutoff""")
    int purgeFetchedBefore(Instant cutoff);
}

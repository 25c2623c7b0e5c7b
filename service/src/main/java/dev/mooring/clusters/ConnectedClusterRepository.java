package dev.mooring.clusters;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.NativeQuery;

interface ConnectedClusterRepository extends JpaRepository<ConnectedCluster, ConnectedCluster.Key> {

    @NativeQuery("""
            select * from connected_clusters
             where subscription_id = :subscriptionId and resource_group_key = :resourceGroupKey and name_key > :after
             order by name_key
             limit :limit""")
    List<ConnectedCluster> pageInGroup(UUID subscriptionId, String resourceGroupKey, String after, int limit);

    @NativeQuery("""
            select * from connected_clusters
             where subscription_id = :subscriptionId and (resource_group_key, name_key) > (:afterGroup, :afterName)
             order by resource_group_key, name_key
             limit :limit""")
    List<ConnectedCluster> pageInSubscription(UUID subscriptionId, String afterGroup, String afterName, int limit);

    @NativeQuery("select * from connected_clusters where subscription_id = :subscriptionId and resource_group_key = :resourceGroupKey")
    List<ConnectedCluster> allInGroup(UUID subscriptionId, String resourceGroupKey);

    @NativeQuery("select * from connected_clusters where id = :id")
    java.util.Optional<ConnectedCluster> findByInternalId(UUID id);

    /**
     * Agent-reported state is written without touching the version: it must never make an ARM write (or the
     * creation operation) fail its optimistic lock.
     */
    @org.springframework.data.jpa.repository.Modifying
    @NativeQuery("update connected_clusters set managed_identity_certificate_expiration_time = :notAfter where id = :id")
    int recordIdentityCertificate(UUID id, java.time.Instant notAfter);

    @NativeQuery("select count(*) from connected_clusters where subscription_id = :subscriptionId")
    long countInSubscription(UUID subscriptionId);
}

package dev.mooring.clusters;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.NativeQuery;

interface ConnectedClusterRepository extends JpaRepository<ConnectedCluster, ConnectedCluster.Key> {

    /** Native selects of clusters carry the heartbeat-derived column the entity maps with @Formula. */
    String CLUSTERS = "select c.*, (select h.last_seen from cluster_heartbeats h where h.cluster_id = c.id)"
            + " as lastconnectivitytime from connected_clusters c ";

    @NativeQuery(CLUSTERS + """
             where subscription_id = :subscriptionId and resource_group_key = :resourceGroupKey and name_key > :after
             order by name_key
             limit :limit""")
    List<ConnectedCluster> pageInGroup(UUID subscriptionId, String resourceGroupKey, String after, int limit);

    @NativeQuery(CLUSTERS + """
             where subscription_id = :subscriptionId and (resource_group_key, name_key) > (:afterGroup, :afterName)
             order by resource_group_key, name_key
             limit :limit""")
    List<ConnectedCluster> pageInSubscription(UUID subscriptionId, String afterGroup, String afterName, int limit);

    @NativeQuery(CLUSTERS + "where subscription_id = :subscriptionId and resource_group_key = :resourceGroupKey")
    List<ConnectedCluster> allInGroup(UUID subscriptionId, String resourceGroupKey);

    /**
     * Agent-reported state is written without touching the version: it must never make an ARM write (or the
     * creation operation) fail its optimistic lock.
     */
    @org.springframework.data.jpa.repository.Modifying
    @NativeQuery("update connected_clusters set managed_identity_certificate_expiration_time = :notAfter where id = :id")
    int recordIdentityCertificate(UUID id, java.time.Instant notAfter);

    /**
     * Writes what the agent reports about the cluster, only where it differs, and records a MetadataChanged
     * event (with the versions it had before, under {@code previous}) in the same statement. Returns 1 when something changed.
     */
    @org.springframework.data.jpa.repository.Modifying
    @NativeQuery("""
            with previous as (
              select agent_version, kubernetes_version from connected_clusters where id = :id),
            updated as (
              update connected_clusters
                 set agent_version = :agentVersion, kubernetes_version = :kubernetesVersion,
                     total_node_count = :totalNodeCount, total_core_count = :totalCoreCount, offering = :offering
               where id = :id
                 and (agent_version is distinct from :agentVersion or kubernetes_version is distinct from :kubernetesVersion
                      or total_node_count is distinct from :totalNodeCount or total_core_count is distinct from :totalCoreCount
                      or offering is distinct from :offering)
              returning id)
            insert into cluster_events (cluster_id, at, kind, details)
            select id, :at, 'MetadataChanged', jsonb_build_object('agentVersion', cast(:agentVersion as text),
                   'kubernetesVersion', cast(:kubernetesVersion as text), 'totalNodeCount', cast(:totalNodeCount as integer),
                   'totalCoreCount', cast(:totalCoreCount as integer), 'offering', cast(:offering as text),
                   'previous', (select jsonb_build_object('agentVersion', agent_version,
                                       'kubernetesVersion', kubernetes_version) from previous))
              from updated""")
    int recordAgentReport(UUID id, String agentVersion, String kubernetesVersion, Integer totalNodeCount,
            Integer totalCoreCount, String offering, java.time.Instant at);

    /** Accepted → Succeeded when the creation operation finishes; touches nothing else. */
    @org.springframework.data.jpa.repository.Modifying
    @NativeQuery("""
            update connected_clusters set provisioning_state = 'Succeeded', version = version + 1
             where subscription_id = :subscriptionId and resource_group_key = :resourceGroupKey and name_key = :nameKey
               and provisioning_state = 'Accepted'""")
    int markProvisioned(UUID subscriptionId, String resourceGroupKey, String nameKey);

    /** Updating → Succeeded when a long-running PATCH's operation finishes; touches nothing else. */
    @org.springframework.data.jpa.repository.Modifying
    @NativeQuery("""
            update connected_clusters set provisioning_state = 'Succeeded', version = version + 1
             where subscription_id = :subscriptionId and resource_group_key = :resourceGroupKey and name_key = :nameKey
               and provisioning_state = 'Updating'""")
    int markUpdated(UUID subscriptionId, String resourceGroupKey, String nameKey);

    /** A creation or delete that failed for good leaves the cluster Failed, from where it can be deleted again. */
    @org.springframework.data.jpa.repository.Modifying
    @NativeQuery("""
            update connected_clusters set provisioning_state = 'Failed', version = version + 1
             where subscription_id = :subscriptionId and resource_group_key = :resourceGroupKey and name_key = :nameKey
               and provisioning_state in ('Accepted', 'Deleting', 'Updating')""")
    int markFailed(UUID subscriptionId, String resourceGroupKey, String nameKey);

    @NativeQuery("select count(*) from connected_clusters where subscription_id = :subscriptionId")
    long countInSubscription(UUID subscriptionId);

    /** Clusters whose agentry protected settings are sealed under another key than {@code keyId}. */
    @org.springframework.data.jpa.repository.Query("select c from ConnectedCluster c"
            + " where c.agentryProtectedKeyId is not null and c.agentryProtectedKeyId <> :keyId")
    java.util.List<ConnectedCluster> agentrySealedUnderOtherKeys(String keyId);

    @org.springframework.data.jpa.repository.Query("select c from ConnectedCluster c where c.id = :id")
    java.util.Optional<ConnectedCluster> findByInternalId(UUID id);

    @org.springframework.data.jpa.repository.Query("select c from ConnectedCluster c where c.oidcIssuerHash = :hash")
    java.util.Optional<ConnectedCluster> findByOidcIssuerHash(String hash);

    /** What the agent reports about its components, errors and state; only where it changed, version untouched. */
    @org.springframework.data.jpa.repository.Modifying
    @NativeQuery("""
            update connected_clusters
               set agent_state = :agentState, system_components = cast(:components as jsonb),
                   agent_errors = cast(:errors as jsonb)
             where id = :id
               and (agent_state is distinct from :agentState
                    or system_components is distinct from cast(:components as jsonb)
                    or agent_errors is distinct from cast(:errors as jsonb))""")
    int recordAgentStatus(UUID id, String agentState, String components, String errors);
}

package dev.mooring.clusters;

import dev.mooring.arm.Bounded;
import dev.mooring.arm.errors.ArmException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Connected clusters as the features above them see them (the data plane, configurations, connect): narrow
 * look-ups and the few facts agents write. The ARM resource itself is {@link ConnectedClusters}' business.
 */
@Service
public class ClusterDirectory {

    private final ConnectedClusterRepository repository;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    private final ConnectivityPolicy connectivity;

    ClusterDirectory(ConnectedClusterRepository repository, JdbcTemplate jdbc, Clock clock,
            ConnectivityPolicy connectivity) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.clock = clock;
        this.connectivity = connectivity;
    }

    /** The cluster's connectivity status now ({@link ConnectivityPolicy}'s rule), for features that wait on its agent. */
    @Transactional(readOnly = true)
    public String connectivityStatus(UUID clusterId) {
        return jdbc.query("select h.last_seen, c.managed_identity_certificate_expiration_time from connected_clusters c"
                        + " left join cluster_heartbeats h on h.cluster_id = c.id where c.id = ?",
                (rs, i) -> connectivity.status(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2)), clock.instant()),
                clusterId).stream().findFirst().orElse(ConnectivityPolicy.CONNECTING);
    }

    private static java.time.Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The cluster, for other features (the data plane, configurations, connect). */
    @Transactional(readOnly = true)
    public Optional<ClusterReference> find(UUID subscriptionId, String resourceGroup, String name) {
        return repository.findById(ConnectedCluster.Key.of(subscriptionId, resourceGroup, name)).map(ClusterReference::of);
    }

    /**
     * The connected cluster an extension resource's path names as its parent
     * ({@code .../providers/{clusterRp}/{clusterResourceName}/{clusterName}/providers/...}), or ARM's 400 for another
     * kind of cluster and 404 ({@code ParentResourceNotFound}) for a cluster that does not exist.
     */
    @Transactional(readOnly = true)
    public ClusterReference requireParent(UUID subscriptionId, String resourceGroup, String clusterRp,
            String clusterResourceName, String clusterName) {
        if (!clusterRp.equalsIgnoreCase("Microsoft.Kubernetes") || !clusterResourceName.equalsIgnoreCase("connectedClusters")) {
            throw ArmException.badRequest("InvalidParameter", "Mooring hosts Microsoft.KubernetesConfiguration resources"
                    + " of Microsoft.Kubernetes/connectedClusters only; '" + Bounded.text(clusterRp) + "/"
                    + Bounded.text(clusterResourceName) + "' clusters are not served here.", "clusterRp");
        }
        return find(subscriptionId, resourceGroup, clusterName).orElseThrow(() -> ArmException.notFound(
                "ParentResourceNotFound", "Can not perform requested operation on nested resource. Parent resource '"
                        + Bounded.text(clusterName) + "' (Microsoft.Kubernetes/connectedClusters in resource group '"
                        + Bounded.text(resourceGroup) + "') not found."));
    }

    /** What the data plane needs to onboard a cluster's agent: the cluster and its onboarding public key (or null). */
    public record Onboarding(ClusterReference cluster, java.security.interfaces.RSAPublicKey onboardingKey) {
    }

    @Transactional(readOnly = true)
    public Optional<Onboarding> onboarding(UUID subscriptionId, String resourceGroup, String name) {
        return repository.findById(ConnectedCluster.Key.of(subscriptionId, resourceGroup, name))
                .map(c -> new Onboarding(ClusterReference.of(c),
                        c.agentPublicKey().isEmpty() ? null : AgentPublicKey.parse(c.agentPublicKey()).key()));
    }

    /** The cluster with this internal id (the one agent certificates name). */
    public Optional<ClusterReference> findByInternalId(UUID clusterId) {
        // Every agent call asks this: one narrow indexed read, no entity loaded.
        return jdbc.query("select id, subscription_id, resource_group_name, name, location from connected_clusters"
                + " where id = ?", (rs, i) -> new ClusterReference(rs.getObject(1, UUID.class),
                ConnectedCluster.resourceId(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)),
                rs.getObject(2, UUID.class), rs.getString(5)),
                clusterId).stream().findFirst();
    }

    /** Records when the agent's current identity certificate expires (ARM's managedIdentityCertificateExpirationTime). */
    @Transactional
    public void recordIdentityCertificate(UUID clusterId, java.time.Instant notAfter) {
        repository.recordIdentityCertificate(clusterId, notAfter);
    }

    /** What an agent reports about its cluster. */
    public record AgentReport(String agentVersion, String kubernetesVersion, Integer totalNodeCount,
            Integer totalCoreCount, String offering) {
    }

    /** Stores an agent's report where it changed (recording a MetadataChanged event); true when it did. */
    @Transactional
    public boolean recordAgentReport(UUID clusterId, AgentReport report) {
        return repository.recordAgentReport(clusterId, report.agentVersion(), report.kubernetesVersion(),
                report.totalNodeCount(), report.totalCoreCount(), report.offering(), clock.instant()) > 0;
    }
}

package dev.mooring.clusters;

import dev.mooring.arm.Bounded;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.platform.DatabaseListener;
import dev.mooring.platform.NotifiedCache;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final AgentryProtectedSettings agentryProtected;
    private final ConnectivityPolicy connectivity;
    private final Clock clock;
    /** Agents ask on every call; a trigger announces renames and deletions (V65). */
    private final NotifiedCache<UUID, ClusterReference> byInternalId;

    ClusterDirectory(ConnectedClusterRepository repository, JdbcTemplate jdbc, AgentryProtectedSettings agentryProtected,
            ConnectivityPolicy connectivity, Clock clock, DatabaseListener listener) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.agentryProtected = agentryProtected;
        this.connectivity = connectivity;
        this.clock = clock;
        this.byInternalId = new NotifiedCache<>(listener, "connected_clusters_changed", UUID::fromString,
                1_000_000, this::readByInternalId);
    }

    /** The cluster's connectivity status now ({@link ConnectivityPolicy}'s rule), for features that wait on its agent. */
    @Transactional(readOnly = true)
    public String connectivityStatus(UUID clusterId) {
        return jdbc.query("select h.last_seen, c.managed_identity_certificate_expiration_time from connected_clusters c"
                        + " left join cluster_heartbeats h on h.cluster_id = c.id where c.id = ?",
                (rs, i) -> connectivity.status(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2)), clock.instant()),
                clusterId).stream().findFirst().orElse(ConnectivityPolicy.CONNECTING);
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

    /**
     * The cluster with this internal id (the one agent certificates name), from memory on every call but a
     * replica's first in a while; a deletion anywhere is seen within milliseconds.
     */
    public Optional<ClusterReference> findByInternalId(UUID clusterId) {
        return Optional.ofNullable(byInternalId.get(clusterId));
    }

    private ClusterReference readByInternalId(UUID clusterId) {
        return jdbc.query("select id, subscription_id, resource_group_name, name, location from connected_clusters"
                + " where id = ?", (rs, i) -> new ClusterReference(rs.getObject(1, UUID.class),
                ConnectedCluster.resourceId(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)),
                rs.getObject(2, UUID.class), rs.getString(5)),
                clusterId).stream().findFirst().orElse(null);
    }

    /**
     * Whether the cluster's agent is Connected now: it onboarded, its identity has not expired and it was heard
     * within the connectivity window. Features that wait for the agent to act (a delete it must confirm) wait
     * only for such an agent; one that is away catches up with its desired state when it comes back.
     */
    @Transactional(readOnly = true)
    public boolean agentConnected(UUID clusterId) {
        return ConnectivityPolicy.CONNECTED.equals(connectivityStatus(clusterId));
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
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

    /** One Arc agentry configuration as the cluster's own agent receives it (protected settings opened). */
    public record AgentryConfiguration(String feature, Map<String, String> settings,
            Map<String, String> protectedSettings) {

        /** Never prints the protected settings. */
        @Override
        public String toString() {
            return "AgentryConfiguration[" + feature + "]";
        }
    }

    /**
     * What ARM asks of the cluster's agent: the desired agent version and auto-upgrade, the agentry
     * configurations, the OIDC issuer and workload identity. {@code version} changes whenever the resource does.
     */
    public record AgentProfile(String version, String desiredAgentVersion, String agentAutoUpgrade,
            List<AgentryConfiguration> agentryConfigurations, boolean oidcIssuerEnabled, String issuerUrl,
            boolean workloadIdentityEnabled) {
    }

    /** The agent profile of the cluster with this internal id. */
    @Transactional(readOnly = true)
    public Optional<AgentProfile> agentProfile(UUID clusterId) {
        return repository.findByInternalId(clusterId).map(c -> {
            Map<String, Object> profile = c.arcAgentProfile() == null ? Map.of() : c.arcAgentProfile();
            Map<String, Map<String, String>> opened = agentryProtected.open(c);
            List<AgentryConfiguration> agentry = new ArrayList<>();
            if (c.agentrySettings() != null) {
                c.agentrySettings().forEach((feature, settings) -> agentry.add(new AgentryConfiguration(feature,
                        strings((Map<?, ?>) settings), opened.getOrDefault(feature, Map.of()))));
            }
            boolean issuer = Boolean.TRUE.equals(c.oidcIssuerEnabled());
            return new AgentProfile(c.etag(), (String) profile.get("desiredAgentVersion"),
                    (String) profile.getOrDefault("agentAutoUpgrade", "Enabled"), agentry, issuer,
                    issuer ? (c.selfHostedIssuerUrl() != null ? c.selfHostedIssuerUrl() : c.oidcIssuerUrl()) : null,
                    Boolean.TRUE.equals(c.workloadIdentityEnabled()));
        });
    }

    private static Map<String, String> strings(Map<?, ?> map) {
        Map<String, String> strings = new LinkedHashMap<>();
        map.forEach((k, v) -> strings.put(k.toString(), v == null ? "" : v.toString()));
        return strings;
    }

    /** A system component the agent runs. */
    public record SystemComponent(String type, String currentVersion) {
    }

    /** An error the agent reports. */
    public record AgentError(String message, String severity, String component, Instant time) {
    }

    /** At most this many agent errors are kept, the newest. */
    public static final int MAX_AGENT_ERRORS = 20;
    static final int MAX_ERROR_MESSAGE = 1024;
    static final int MAX_COMPONENTS = 50;
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    /**
     * Stores what the agent reports about its components, errors (the newest {@value #MAX_AGENT_ERRORS}, newest
     * first, messages cut at 1024 characters) and state; written only when it changed, never touching the
     * resource's version or ETag.
     */
    @Transactional
    public void recordAgentStatus(UUID clusterId, String agentState, List<SystemComponent> components,
            List<AgentError> errors) {
        List<SystemComponent> kept = components == null ? List.of() : components.stream()
                .filter(c -> c != null && c.type() != null && !c.type().isBlank()).limit(MAX_COMPONENTS).toList();
        List<AgentError> newest = errors == null ? List.of() : errors.stream().filter(java.util.Objects::nonNull)
                .sorted(java.util.Comparator.comparing(AgentError::time,
                        java.util.Comparator.nullsLast(java.util.Comparator.<Instant>naturalOrder()).reversed()))
                .limit(MAX_AGENT_ERRORS)
                .map(e -> new AgentError(cut(e.message()), cut(e.severity()), cut(e.component()), e.time()))
                .toList();
        repository.recordAgentStatus(clusterId, cut(agentState), JSON.writeValueAsString(kept),
                JSON.writeValueAsString(newest));
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_ERROR_MESSAGE ? text : text.substring(0, MAX_ERROR_MESSAGE);
    }

    /** A cluster's published OIDC issuer (enabled, not self-hosted). */
    public record OidcIssuer(UUID clusterId, String issuerUrl) {
    }

    @Transactional(readOnly = true)
    public Optional<OidcIssuer> oidcIssuer(String hash) {
        return repository.findByOidcIssuerHash(hash)
                .filter(c -> Boolean.TRUE.equals(c.oidcIssuerEnabled()) && c.selfHostedIssuerUrl() == null)
                .map(c -> new OidcIssuer(c.id(), c.oidcIssuerUrl()));
    }
}

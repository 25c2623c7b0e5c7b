package dev.mooring.clusters;

import dev.mooring.arm.Audit;
import dev.mooring.arm.Preconditions;
import dev.mooring.arm.SystemData;
import dev.mooring.platform.JsonMapConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Formula;

/**
 * A connected cluster: Mooring's internal model of {@code Microsoft.Kubernetes/connectedClusters}, holding
 * every field any api-version knows. Versioned wire models ({@link Arc2021Model}, {@link Arc2024Model})
 * convert to and from it; a version writes only the fields it knows and leaves the others as they are.
 */
@Entity
@Table(name = "connected_clusters")
class ConnectedCluster {

    static final String TYPE = "Microsoft.Kubernetes/connectedClusters";

    record Key(UUID subscriptionId, String resourceGroupKey, String nameKey) implements Serializable {

        static Key of(UUID subscriptionId, String resourceGroup, String name) {
            return new Key(subscriptionId, resourceGroup.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
        }
    }

    @EmbeddedId
    private Key key;
    @Column(nullable = false, unique = true)
    private UUID id;
    @Column(name = "resource_group_name", nullable = false)
    private String resourceGroupName;
    @Column(nullable = false)
    private String name;
    @Column(nullable = false)
    private String location;
    @Convert(converter = JsonMapConverter.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    private Map<String, Object> tags;
    private String kind;
    @Column(name = "identity_type", nullable = false)
    private String identityType;
    @Column(name = "identity_principal_id")
    private UUID identityPrincipalId;
    @Column(name = "identity_tenant_id")
    private UUID identityTenantId;
    @Column(name = "agent_public_key", nullable = false)
    private String agentPublicKey;
    @Column(name = "agent_public_key_sha256")
    private String agentPublicKeySha256;
    @Column(name = "provisioning_state", nullable = false)
    private String provisioningState;
    private String distribution;
    @Column(name = "distribution_version")
    private String distributionVersion;
    private String infrastructure;
    @Column(name = "private_link_state")
    private String privateLinkState;
    @Column(name = "private_link_scope_resource_id")
    private String privateLinkScopeResourceId;
    @Column(name = "azure_hybrid_benefit")
    private String azureHybridBenefit;
    @Convert(converter = JsonMapConverter.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(name = "aad_profile", columnDefinition = "jsonb")
    private Map<String, Object> aadProfile;
    @Convert(converter = JsonMapConverter.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(name = "arc_agent_profile", columnDefinition = "jsonb")
    private Map<String, Object> arcAgentProfile;
    @Column(name = "kubernetes_version")
    private String kubernetesVersion;
    @Column(name = "total_node_count")
    private Integer totalNodeCount;
    @Column(name = "total_core_count")
    private Integer totalCoreCount;
    @Column(name = "agent_version")
    private String agentVersion;
    private String offering;
    @Column(name = "managed_identity_certificate_expiration_time")
    private Instant managedIdentityCertificateExpirationTime;
    /** The agent's last heartbeat, from the narrow heartbeat table the data plane writes. */
    @Formula("(select h.last_seen from cluster_heartbeats h where h.cluster_id = id)")
    private Instant lastConnectivityTime;
    @Convert(converter = JsonMapConverter.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(name = "miscellaneous_properties", nullable = false, columnDefinition = "jsonb")
    private Map<String, Object> miscellaneousProperties;
    @Column(name = "oidc_issuer_enabled")
    private Boolean oidcIssuerEnabled;
    /** The issuer Mooring publishes for the cluster, fixed when it is first enabled (tokens name it as iss). */
    @Column(name = "oidc_issuer_url")
    private String oidcIssuerUrl;
    @Column(name = "oidc_issuer_hash")
    private String oidcIssuerHash;
    @Column(name = "self_hosted_issuer_url")
    private String selfHostedIssuerUrl;
    @Column(name = "workload_identity_enabled")
    private Boolean workloadIdentityEnabled;
    @Column(name = "gateway_enabled")
    private Boolean gatewayEnabled;
    /** Feature → its settings (in clear); the protected settings are sealed in {@link #agentryProtected}. */
    @Convert(converter = JsonMapConverter.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(name = "agentry_settings", columnDefinition = "jsonb")
    private Map<String, Object> agentrySettings;
    @Column(name = "agentry_protected")
    private byte[] agentryProtected;
    @Column(name = "agentry_protected_key_id")
    private String agentryProtectedKeyId;
    /** System component type → what the user asked for (userSpecifiedVersion, majorVersion). */
    @Convert(converter = JsonMapConverter.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(name = "desired_system_components", columnDefinition = "jsonb")
    private Map<String, Object> desiredSystemComponents;
    /** What the agent last reported (the data plane writes these columns, never the ARM resource). */
    @Column(name = "agent_state", insertable = false, updatable = false)
    private String agentState;
    @Column(name = "system_components", columnDefinition = "jsonb", insertable = false, updatable = false)
    private String reportedComponentsJson;
    @Column(name = "agent_errors", columnDefinition = "jsonb", insertable = false, updatable = false)
    private String agentErrorsJson;
    @Column(nullable = false)
    private String etag;
    @Embedded
    private Audit audit;
    @Version
    private long version;

    protected ConnectedCluster() {
    }

    /** A new cluster, as the first PUT asks for it; it starts in {@code Accepted} until its creation operation runs. */
    static ConnectedCluster create(UUID subscriptionId, String resourceGroupName, String name, ClusterSpec spec,
            UUID subscriptionTenant, SystemData.Actor actor, Instant now) {
        ConnectedCluster cluster = new ConnectedCluster();
        cluster.key = Key.of(subscriptionId, resourceGroupName, name);
        cluster.id = UUID.randomUUID();
        cluster.location = spec.location();
        cluster.provisioningState = ProvisioningState.ACCEPTED;
        cluster.miscellaneousProperties = new LinkedHashMap<>();
        cluster.audit = Audit.created(actor, now);
        cluster.privateLinkState = "Disabled";
        cluster.azureHybridBenefit = "NotApplicable";
        cluster.apply(resourceGroupName, name, spec, subscriptionTenant, actor, now);
        return cluster;
    }

    /**
     * Applies a PUT: the names' casing, tags, identity and the properties the caller's api-version knows.
     * Location, the onboarding key and kind are checked for immutability before this is called.
     */
    void apply(String resourceGroupName, String name, ClusterSpec spec, UUID subscriptionTenant, SystemData.Actor actor,
            Instant now) {
        this.resourceGroupName = resourceGroupName;
        this.name = name;
        this.tags = new LinkedHashMap<>(spec.tags());
        this.identityType = spec.identityType();
        if (ClusterSpec.SYSTEM_ASSIGNED.equals(spec.identityType())) {
            if (identityPrincipalId == null) {
                identityPrincipalId = UUID.randomUUID();
            }
            identityTenantId = subscriptionTenant;
        }
        this.agentPublicKey = spec.agentPublicKey().encoded();
        this.agentPublicKeySha256 = spec.agentPublicKey().sha256();
        this.distribution = spec.distribution();
        this.infrastructure = spec.infrastructure();
        if (spec.writes(ClusterSpec.Property.KIND)) {
            this.kind = spec.kind();
        }
        if (spec.writes(ClusterSpec.Property.DISTRIBUTION_VERSION)) {
            this.distributionVersion = spec.distributionVersion();
        }
        if (spec.writes(ClusterSpec.Property.PRIVATE_LINK_STATE)) {
            this.privateLinkState = spec.privateLinkState() == null ? "Disabled" : spec.privateLinkState();
        }
        if (spec.writes(ClusterSpec.Property.PRIVATE_LINK_SCOPE_RESOURCE_ID)) {
            this.privateLinkScopeResourceId = spec.privateLinkScopeResourceId();
        }
        if (spec.writes(ClusterSpec.Property.AZURE_HYBRID_BENEFIT)) {
            this.azureHybridBenefit = spec.azureHybridBenefit() == null ? "NotApplicable" : spec.azureHybridBenefit();
        }
        if (spec.writes(ClusterSpec.Property.AAD_PROFILE)) {
            this.aadProfile = spec.aadProfile();
        }
        if (spec.writes(ClusterSpec.Property.ARC_AGENT_PROFILE)) {
            this.arcAgentProfile = spec.arcAgentProfile();
        }
        apply2026(spec);
        touched(actor, now);
    }

    private void apply2026(ClusterSpec spec) {
        ClusterSpec.Profiles2026 p = spec.profiles2026();
        if (spec.writes(ClusterSpec.Property.SYSTEM_COMPONENTS)) {
            Map<String, Object> byType = new LinkedHashMap<>();
            if (p.systemComponents() != null) {
                p.systemComponents().forEach(c -> byType.put((String) c.get("type"), c));
            }
            this.desiredSystemComponents = byType;
        }
        if (spec.writes(ClusterSpec.Property.OIDC_ISSUER_PROFILE)) {
            this.oidcIssuerEnabled = p.oidcIssuerEnabled();
            this.selfHostedIssuerUrl = p.selfHostedIssuerUrl();
        }
        if (spec.writes(ClusterSpec.Property.SECURITY_PROFILE)) {
            this.workloadIdentityEnabled = p.workloadIdentityEnabled();
        }
        if (spec.writes(ClusterSpec.Property.GATEWAY)) {
            this.gatewayEnabled = p.gatewayEnabled();
        }
        if (spec.writes(ClusterSpec.Property.ARC_AGENTRY_CONFIGURATIONS)) {
            Map<String, Object> settings = new LinkedHashMap<>();
            if (p.agentryConfigurations() != null) {
                p.agentryConfigurations().forEach(c -> settings.put(c.feature(),
                        c.settings() == null ? Map.of() : c.settings()));
            }
            this.agentrySettings = settings;
        }
    }

    /** Publishes the cluster's OIDC issuer at {@code issuerUrl} (kept once set, so issued tokens stay valid). */
    void publishIssuer(String hash, String issuerUrl) {
        if (this.oidcIssuerHash == null) {
            this.oidcIssuerHash = hash;
            this.oidcIssuerUrl = issuerUrl;
        }
    }

    void sealAgentryProtected(dev.mooring.secrets.Sealed sealed) {
        this.agentryProtected = sealed == null ? null : sealed.ciphertext();
        this.agentryProtectedKeyId = sealed == null ? null : sealed.keyId();
    }

    dev.mooring.secrets.Sealed agentryProtected() {
        return agentryProtected == null ? null : new dev.mooring.secrets.Sealed(agentryProtectedKeyId, agentryProtected);
    }

    /** What the agentry protected settings are bound to, so that a ciphertext copied to another row does not open. */
    String agentrySealedFor() {
        return "connectedClusters/" + id + "/arcAgentryConfigurations";
    }

    /** Applies a PATCH: tags replace the whole set when given; properties merge (null clears). */
    void patch(ClusterPatch patch, SystemData.Actor actor, Instant now) {
        if (patch.tags() != null) {
            this.tags = new LinkedHashMap<>(patch.tags());
        }
        patch.distribution().ifPresent(value -> this.distribution = value.orElse(null));
        patch.distributionVersion().ifPresent(value -> this.distributionVersion = value.orElse(null));
        patch.azureHybridBenefit().ifPresent(value -> this.azureHybridBenefit = value.orElse("NotApplicable"));
        patch.gatewayEnabled().ifPresent(value -> this.gatewayEnabled = value.orElse(null));
        touched(actor, now);
    }

    void markUpdating(SystemData.Actor actor, Instant now) {
        this.provisioningState = ProvisioningState.UPDATING;
        touched(actor, now);
    }

    void markDeleting(SystemData.Actor actor, Instant now) {
        this.provisioningState = ProvisioningState.DELETING;
        touched(actor, now);
    }

    private void touched(SystemData.Actor actor, Instant now) {
        this.audit.modified(actor, now);
        this.etag = Preconditions.newEtag();
    }

    /** The ARM resource id, in the casing the caller last used. */
    String resourceId() {
        return resourceId(key.subscriptionId(), resourceGroupName, name);
    }

    static String resourceId(UUID subscriptionId, String resourceGroupName, String name) {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroupName + "/providers/" + TYPE + "/"
                + name;
    }

    Key key() { return key; }
    UUID id() { return id; }
    UUID subscriptionId() { return key.subscriptionId(); }
    String resourceGroupName() { return resourceGroupName; }
    String name() { return name; }
    String location() { return location; }
    Map<String, String> tags() {
        return JsonMapConverter.asStrings(tags);
    }
    String kind() { return kind; }
    String identityType() { return identityType; }
    UUID identityPrincipalId() { return identityPrincipalId; }
    UUID identityTenantId() { return identityTenantId; }
    String agentPublicKey() { return agentPublicKey; }
    String agentPublicKeySha256() { return agentPublicKeySha256; }
    String provisioningState() { return provisioningState; }
    String distribution() { return distribution; }
    String distributionVersion() { return distributionVersion; }
    String infrastructure() { return infrastructure; }
    String privateLinkState() { return privateLinkState; }
    String privateLinkScopeResourceId() { return privateLinkScopeResourceId; }
    String azureHybridBenefit() { return azureHybridBenefit; }
    Map<String, Object> aadProfile() { return aadProfile; }
    Map<String, Object> arcAgentProfile() { return arcAgentProfile; }
    String kubernetesVersion() { return kubernetesVersion; }
    Integer totalNodeCount() { return totalNodeCount; }
    Integer totalCoreCount() { return totalCoreCount; }
    String agentVersion() { return agentVersion; }
    String offering() { return offering; }
    Instant managedIdentityCertificateExpirationTime() { return managedIdentityCertificateExpirationTime; }
    Instant lastConnectivityTime() { return lastConnectivityTime; }
    Map<String, String> miscellaneousProperties() {
        return JsonMapConverter.asStrings(miscellaneousProperties);
    }
    Boolean oidcIssuerEnabled() { return oidcIssuerEnabled; }
    String oidcIssuerUrl() { return oidcIssuerUrl; }
    String oidcIssuerHash() { return oidcIssuerHash; }
    String selfHostedIssuerUrl() { return selfHostedIssuerUrl; }
    Boolean workloadIdentityEnabled() { return workloadIdentityEnabled; }
    Boolean gatewayEnabled() { return gatewayEnabled; }
    Map<String, Object> agentrySettings() { return agentrySettings; }
    Map<String, Object> desiredSystemComponents() { return desiredSystemComponents; }
    String agentState() { return agentState; }
    String reportedComponentsJson() { return reportedComponentsJson; }
    String agentErrorsJson() { return agentErrorsJson; }
    Instant createdAt() { return audit.systemData().createdAt(); }
    String etag() { return etag; }
    SystemData systemData() { return audit.systemData(); }
}

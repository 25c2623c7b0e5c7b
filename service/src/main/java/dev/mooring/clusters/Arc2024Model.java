package dev.mooring.clusters;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.JsonFields;
import dev.mooring.arm.SystemData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The connected cluster wire model of api-version 2024-01-01: 2021's model plus kind, distributionVersion,
 * private link, Azure Hybrid Benefit, the AAD and Arc agent profiles and miscellaneousProperties. PATCH
 * can change tags, distribution, distributionVersion and azureHybridBenefit.
 */
final class Arc2024Model implements ClusterWireModel {

    static final String PROVISIONED_CLUSTER = "ProvisionedCluster";
    private static final List<String> KINDS = List.of(PROVISIONED_CLUSTER);
    private static final List<String> PRIVATE_LINK_STATES = List.of("Enabled", "Disabled");
    private static final List<String> HYBRID_BENEFIT = List.of("True", "False", "NotApplicable");
    private static final List<String> AUTO_UPGRADE = List.of("Enabled", "Disabled");
    /** Every property 2024-01-01 defines beyond the common ones. */
    private static final java.util.Set<ClusterSpec.Property> WRITTEN = ClusterSpec.SINCE_2024;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Cluster(String id, String name, String type, String location, Map<String, String> tags,
            Arc2021Model.Identity identity, String kind, Properties properties, SystemData systemData) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Properties(String agentPublicKeyCertificate, String kubernetesVersion, Integer totalNodeCount,
            Integer totalCoreCount, String agentVersion, String provisioningState, String distribution,
            String distributionVersion, String infrastructure, String offering,
            Instant managedIdentityCertificateExpirationTime, Instant lastConnectivityTime, String connectivityStatus,
            String privateLinkState, String privateLinkScopeResourceId, String azureHybridBenefit,
            Map<String, Object> aadProfile, Map<String, Object> arcAgentProfile,
            Map<String, String> miscellaneousProperties) {
    }

    @Override
    public List<String> apiVersions() {
        return List.of("2024-01-01");
    }

    @Override
    public Cluster view(ConnectedCluster c, String connectivityStatus) {
        return new Cluster(c.resourceId(), c.name(), ConnectedCluster.TYPE, c.location(), c.tags(),
                Arc2021Model.identity(c), c.kind(),
                new Properties(c.agentPublicKey(), c.kubernetesVersion(), c.totalNodeCount(), c.totalCoreCount(),
                        c.agentVersion(), c.provisioningState(), c.distribution(), c.distributionVersion(),
                        c.infrastructure(), c.offering(), c.managedIdentityCertificateExpirationTime(),
                        c.lastConnectivityTime(), ConnectivityPolicy.withoutAgentNotInstalled(connectivityStatus),
                        c.privateLinkState(),
                        c.privateLinkScopeResourceId(), c.azureHybridBenefit(), c.aadProfile(), c.arcAgentProfile(),
                        c.miscellaneousProperties()),
                c.systemData());
    }

    @Override
    public ClusterSpec readPut(JsonNode body) {
        PutBodies.Common common = PutBodies.read(body);
        JsonNode p = common.properties();
        String kind = JsonFields.oneOf(JsonFields.string(body, "kind", "kind"), KINDS, "kind");
        AgentPublicKey key;
        if (PROVISIONED_CLUSTER.equals(kind) && (common.agentPublicKey() == null || common.agentPublicKey().isEmpty())) {
            key = AgentPublicKey.empty();
        } else {
            key = AgentPublicKey.parse(common.agentPublicKey());
        }
        JsonNode aad = JsonFields.object(p, "aadProfile", "properties.aadProfile");
        JsonNode agent = JsonFields.object(p, "arcAgentProfile", "properties.arcAgentProfile");
        ClusterSpec spec = new ClusterSpec(common.location(), common.tags(), common.identityType(), key,
                common.distribution(), common.infrastructure(), common.provisioningState(), WRITTEN, kind,
                JsonFields.string(p, "distributionVersion", "properties.distributionVersion"),
                JsonFields.oneOf(JsonFields.string(p, "privateLinkState", "properties.privateLinkState"),
                        PRIVATE_LINK_STATES, "properties.privateLinkState"),
                JsonFields.string(p, "privateLinkScopeResourceId", "properties.privateLinkScopeResourceId"),
                JsonFields.oneOf(JsonFields.string(p, "azureHybridBenefit", "properties.azureHybridBenefit"),
                        HYBRID_BENEFIT, "properties.azureHybridBenefit"),
                aad == null ? null : JsonFields.compact(
                        "enableAzureRBAC", JsonFields.bool(aad, "enableAzureRBAC", "properties.aadProfile.enableAzureRBAC"),
                        "adminGroupObjectIDs", JsonFields.strings(aad, "adminGroupObjectIDs",
                                "properties.aadProfile.adminGroupObjectIDs"),
                        "tenantID", JsonFields.string(aad, "tenantID", "properties.aadProfile.tenantID")),
                agent == null ? null : JsonFields.compact(
                        "desiredAgentVersion", JsonFields.string(agent, "desiredAgentVersion",
                                "properties.arcAgentProfile.desiredAgentVersion"),
                        "agentAutoUpgrade", JsonFields.oneOf(JsonFields.string(agent, "agentAutoUpgrade",
                                "properties.arcAgentProfile.agentAutoUpgrade"), AUTO_UPGRADE,
                                "properties.arcAgentProfile.agentAutoUpgrade")),
                null);
        if ("Enabled".equals(spec.privateLinkState()) && (spec.privateLinkScopeResourceId() == null
                || spec.privateLinkScopeResourceId().isBlank())) {
            throw ArmException.badRequest("InvalidParameter", "A private link scope resource id is required when"
                    + " privateLinkState is Enabled.", "properties.privateLinkScopeResourceId");
        }
        return spec;
    }

    @Override
    public ClusterPatch readPatch(JsonNode body) {
        JsonFields.requireObject(body, "body");
        JsonNode p = JsonFields.object(body, "properties", "properties");
        var benefit = JsonFields.patchString(p, "azureHybridBenefit", "properties.azureHybridBenefit");
        benefit.flatMap(value -> value).ifPresent(value ->
                JsonFields.oneOf(value, HYBRID_BENEFIT, "properties.azureHybridBenefit"));
        return new ClusterPatch(PutBodies.patchTags(body),
                JsonFields.patchString(p, "distribution", "properties.distribution"),
                JsonFields.patchString(p, "distributionVersion", "properties.distributionVersion"),
                benefit.map(value -> value.map(v -> JsonFields.oneOf(v, HYBRID_BENEFIT, "properties.azureHybridBenefit"))),
                java.util.Optional.empty());
    }
}

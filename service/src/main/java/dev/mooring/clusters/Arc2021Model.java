package dev.mooring.clusters;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.SystemData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The connected cluster wire model of api-versions 2021-03-01 and 2021-10-01, whose specs define the
 * very same ConnectedCluster, properties, identity and patch schemas (2021-10-01 only adds the
 * listClusterUserCredential action). PATCH can change tags only.
 */
final class Arc2021Model implements ClusterWireModel {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Cluster(String id, String name, String type, String location, Map<String, String> tags, Identity identity,
            Properties properties, SystemData systemData) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Identity(String principalId, String tenantId, String type) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Properties(String agentPublicKeyCertificate, String kubernetesVersion, Integer totalNodeCount,
            Integer totalCoreCount, String agentVersion, String provisioningState, String distribution,
            String infrastructure, String offering, Instant managedIdentityCertificateExpirationTime,
            Instant lastConnectivityTime, String connectivityStatus) {
    }

    @Override
    public List<String> apiVersions() {
        return List.of("2021-03-01", "2021-10-01");
    }

    @Override
    public Cluster view(ConnectedCluster c, String connectivityStatus) {
        return new Cluster(c.resourceId(), c.name(), ConnectedCluster.TYPE, c.location(), c.tags(), identity(c),
                new Properties(c.agentPublicKey(), c.kubernetesVersion(), c.totalNodeCount(), c.totalCoreCount(),
                        c.agentVersion(), c.provisioningState(), c.distribution(), c.infrastructure(), c.offering(),
                        c.managedIdentityCertificateExpirationTime(), c.lastConnectivityTime(),
                        ConnectivityPolicy.withoutAgentNotInstalled(connectivityStatus)),
                c.systemData());
    }

    static Identity identity(ConnectedCluster c) {
        return new Identity(c.identityPrincipalId() == null ? null : c.identityPrincipalId().toString(),
                c.identityTenantId() == null ? null : c.identityTenantId().toString(), c.identityType());
    }

    @Override
    public ClusterSpec readPut(JsonNode body) {
        PutBodies.Common common = PutBodies.read(body);
        return ClusterSpec.common(common.location(), common.tags(), common.identityType(),
                AgentPublicKey.parse(common.agentPublicKey()), common.distribution(), common.infrastructure(),
                common.provisioningState());
    }

    @Override
    public ClusterPatch readPatch(JsonNode body) {
        return ClusterPatch.tagsOnly(PutBodies.patchTags(body));
    }
}

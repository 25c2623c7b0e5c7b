package dev.mooring.fluxconfigurations;

import dev.mooring.testing.ServiceTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.UUID;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Base for flux configuration tests: a tenant with a connected cluster and both namespaces registered. */
abstract class FluxTest extends ServiceTest {

    static final String V2023 = "2023-05-01";
    static final String V2025 = "2025-04-01";

    static final String GIT = """
            {"properties":{"scope":"cluster","namespace":"fleet","sourceKind":"GitRepository",
             "gitRepository":{"url":"https://github.com/example/fleet","repositoryRef":{"branch":"main"}},
             "kustomizations":{"infra":{"path":"./infra"},"apps":{"path":"./apps","dependsOn":["infra"]}}}}""";

    @Autowired
    JdbcTemplate jdbc;

    Tenant readyTenant(String clusterName) {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        registerProvider(t, "Microsoft.Kubernetes");
        registerProvider(t, "Microsoft.KubernetesConfiguration");
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},"
                        + "\"properties\":{\"agentPublicKeyCertificate\":\"" + key() + "\"}}")
                .put(clusterPath(t, clusterName) + "?api-version=2024-01-01").then().statusCode(201);
        return t;
    }

    static String clusterPath(Tenant t, String clusterName) {
        return t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/" + clusterName;
    }

    static String collection(Tenant t, String cluster, String version) {
        return clusterPath(t, cluster) + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations?api-version="
                + version;
    }

    static String flux(Tenant t, String cluster, String name, String version) {
        return clusterPath(t, cluster) + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/" + name
                + "?api-version=" + version;
    }

    /** The cluster's agent was heard just now: the cluster reads Connected. */
    void heardFrom(Tenant t, String cluster) {
        jdbc.update("""
                insert into cluster_heartbeats (cluster_id, last_seen)
                select id, ? from connected_clusters where subscription_id = ? and name_key = ?
                on conflict (cluster_id) do update set last_seen = excluded.last_seen""",
                java.sql.Timestamp.from(clock.instant()), t.subscriptionId(), cluster);
    }

    UUID clusterId(Tenant t, String cluster) {
        return jdbc.queryForObject("select id from connected_clusters where subscription_id = ? and name_key = ?",
                UUID.class, t.subscriptionId(), cluster);
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String key() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Base64.getEncoder().encodeToString(SubjectPublicKeyInfo.getInstance(
                    generator.generateKeyPair().getPublic().getEncoded()).parsePublicKey().getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

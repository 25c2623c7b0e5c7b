package dev.mooring.configurations;


import dev.mooring.testing.ServiceTest;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Base for configuration tests: a tenant with a connected cluster and both namespaces registered. */
abstract class ConfigurationTest extends ServiceTest {

    @Autowired
    JdbcTemplate jdbc;

    static final String V2019 = "2019-11-01-preview";
    static final String V2021 = "2021-03-01";
    static final String V2023 = "2023-05-01";

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

    /** The internal id of the tenant's one cluster (what agent certificates and configuration versions name). */
    UUID clusterIdOf(Tenant t) {
        return jdbc.queryForObject("select id from connected_clusters where subscription_id = ?", UUID.class,
                t.subscriptionId());
    }

    static String clusterPath(Tenant t, String clusterName) {
        return t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/" + clusterName;
    }

    static String configuration(Tenant t, String cluster, String name, String version) {
        return clusterPath(t, cluster) + "/providers/Microsoft.KubernetesConfiguration/sourceControlConfigurations/" + name
                + "?api-version=" + version;
    }


    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
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

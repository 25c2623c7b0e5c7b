package dev.mooring.extensions;

import dev.mooring.testing.ServiceTest;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Base for extension tests: a tenant with a connected cluster and both namespaces registered. */
abstract class ExtensionTest extends ServiceTest {

    static final String V2023 = "2023-05-01";
    static final String V2025 = "2025-03-01";
    static final String CERT_MANAGER = "jetstack.cert-manager";

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

    static String extensions(Tenant t, String cluster, String version) {
        return clusterPath(t, cluster) + "/providers/Microsoft.KubernetesConfiguration/extensions?api-version=" + version;
    }

    static String extension(Tenant t, String cluster, String name, String version) {
        return clusterPath(t, cluster) + "/providers/Microsoft.KubernetesConfiguration/extensions/" + name
                + "?api-version=" + version;
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

package dev.mooring.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.agent.TestConnectAgent;
import dev.mooring.testing.ServiceTest;
import dev.mooring.testing.TestAgentCa;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In production the kubeconfigs of listClusterUserCredential point at {@code mooring.connect.public-url} and
 * trust {@code mooring.connect.certificate-authority}, whatever address the request came in on (here the
 * service's plain port, as behind an ingress that does not forward its scheme).
 */
class KubeconfigPublicUrlTest extends ServiceTest {

    private static final String PUBLIC_URL = "https://mooring.example.com:8443";
    /** Any CA certificate will do; the agent CA's is at hand. */
    private static final String CA = TestAgentCa.shared().certificate();

    @DynamicPropertySource
    static void publicUrl(DynamicPropertyRegistry registry) {
        registry.add("mooring.connect.public-url", () -> PUBLIC_URL);
        registry.add("mooring.connect.certificate-authority", () -> CA);
    }

    @Test
    void kubeconfigsPointAtThePublicUrlAndTrustTheConfiguredCa() throws Exception {
        Tenant tenant = newTenant();
        as(tenant.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(tenant.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        registerProvider(tenant, "Microsoft.Kubernetes");
        String cluster = tenant.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/edge";
        as(tenant.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{"
                        + "\"agentPublicKeyCertificate\":\"" + TestConnectAgent.agentPublicKeyCertificate(
                        TestConnectAgent.newOnboardingKey()) + "\"}}")
                .put(cluster + "?api-version=2024-01-01").then().statusCode(201);
        String caData = Base64.getEncoder().encodeToString(CA.getBytes(StandardCharsets.UTF_8));

        for (String method : new String[] {"AAD", "Token"}) {
            var answer = as(tenant.owner()).contentType("application/json")
                    .body("{\"authenticationMethod\":\"" + method + "\",\"clientProxy\":true}")
                    .post(cluster + "/listClusterUserCredential?api-version=2024-01-01").then().statusCode(200).extract();
            String kubeconfig = new String(Base64.getDecoder().decode(answer.<String>path("kubeconfigs[0].value")),
                    StandardCharsets.UTF_8);
            assertThat(kubeconfig).as(method).contains("    server: " + PUBLIC_URL + "/connect/")
                    .contains("\n    certificate-authority-data: " + caData + "\n")
                    .doesNotContain("localhost");
            assertThat(answer.<String>path("hybridConnectionConfig.relay")).isEqualTo(PUBLIC_URL + "/connect");
        }
    }
}

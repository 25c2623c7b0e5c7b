package dev.mooring.portal;

import static dev.mooring.testing.Eventually.eventually;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.dataplane.TestAgent;
import io.restassured.specification.RequestSpecification;
import java.io.StringReader;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * What the browser tests set up through the API, as a user and as a cluster's agent would: tokens from the local
 * development issuer, resource groups, provider registration, clusters created with an onboarding key, and the
 * agent's onboarding and heartbeats on the data plane.
 */
final class PortalFixtures {

    private final int port;

    PortalFixtures(int port) {
        this.port = port;
    }

    RequestSpecification anonymous() {
        return given().baseUri("http://localhost").port(port);
    }

    RequestSpecification as(String token) {
        return anonymous().header("Authorization", "Bearer " + token);
    }

    /** A development-issuer token for a user of {@code tenant}. */
    String token(UUID tenant, UUID user, String name) {
        return anonymous().contentType("application/json")
                .body("{\"objectId\":\"" + user + "\",\"tenantId\":\"" + tenant + "\",\"name\":\"" + name + "\"}")
                .post("/local/token").then().statusCode(200).extract().path("access_token");
    }

    void resourceGroup(String token, UUID subscription, String group, String region) {
        as(token).contentType("application/json").body("{\"location\":\"" + region + "\"}")
                .put("/subscriptions/" + subscription + "/resourcegroups/" + group + "?api-version=2021-04-01").then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    void registerKubernetes(String token, UUID subscription) {
        String provider = "/subscriptions/" + subscription + "/providers/Microsoft.Kubernetes";
        as(token).post(provider + "/register?api-version=2021-04-01").then().statusCode(200);
        eventually(() -> as(token).get(provider + "?api-version=2021-04-01").then()
                .body("registrationState", equalTo("Registered")));
    }

    /** A cluster as az connectedk8s connect creates it; the returned agent holds its onboarding key. */
    Cluster connect(String token, UUID subscription, String group, String name, String region) {
        TestAgent agent = new TestAgent();
        String resourceId = as(token).contentType("application/json")
                .body("{\"location\":\"" + region + "\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":"
                        + "{\"agentPublicKeyCertificate\":\"" + agent.agentPublicKeyCertificate() + "\","
                        + "\"distribution\":\"k3s\",\"infrastructure\":\"generic\"}}")
                .put(armPath(subscription, group, name)).then().statusCode(201).extract().path("id");
        return new Cluster(subscription, group, name, region, resourceId, agent);
    }

    static String armPath(UUID subscription, String group, String name) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + group
                + "/providers/Microsoft.Kubernetes/connectedClusters/" + name + "?api-version=2024-01-01";
    }

    /** The agent's first call: onboarding with the onboarding key, which gets it a certificate. */
    void onboard(Cluster cluster) {
        onboard(cluster, null);
    }

    /** Onboards with the onboarding private key the user was shown (PKCS#1 PEM), as the agent chart would. */
    void onboard(Cluster cluster, String onboardingPrivateKeyPem) {
        String token = onboardingPrivateKeyPem == null
                ? cluster.agent().onboardingToken(cluster.dataPlane(port), cluster.resourceId(), Duration.ofMinutes(4),
                        UUID.randomUUID().toString())
                : TestAgent.onboardingToken(keyPair(onboardingPrivateKeyPem), cluster.dataPlane(port),
                        cluster.resourceId(), Instant.now(), Duration.ofMinutes(4), UUID.randomUUID().toString(),
                        cluster.agent().identityKey.getPublic());
        cluster.agent().accept(anonymous().contentType("application/json").body(cluster.agent().onboardBody(token))
                .post(cluster.dataPlanePath() + "/onboard").then().statusCode(200).extract().path("certificate"));
    }

    void heartbeat(Cluster cluster, String agentVersion, int nodes) {
        anonymous().header("Authorization", cluster.agent().callAuthorization(cluster.dataPlane(port)))
                .contentType("application/json")
                .body("{\"agentVersion\":\"" + agentVersion + "\",\"kubernetesVersion\":\"1.30.4\",\"totalNodeCount\":"
                        + nodes + ",\"totalCoreCount\":" + (nodes * 4) + ",\"offering\":\"k3s\",\"components\":[]}")
                .post(cluster.dataPlanePath() + "/heartbeat").then().statusCode(200);
    }

    private static KeyPair keyPair(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parser.readObject());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Cluster(UUID subscription, String group, String name, String region, String resourceId, TestAgent agent) {

        String dataPlane(int port) {
            return "http://localhost:" + port + "/dataplane/" + region;
        }

        String dataPlanePath() {
            return "/dataplane/" + region + "/v1/clusters/" + subscription + "/" + group + "/" + name;
        }

        String page(int port) {
            return "http://localhost:" + port + "/portal/#/subscriptions/" + subscription + "/resourceGroups/" + group
                    + "/clusters/" + name;
        }
    }
}

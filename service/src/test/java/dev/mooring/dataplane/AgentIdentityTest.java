package dev.mooring.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.mooring.testing.ServiceTest;
import io.restassured.response.Response;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Onboarding with the onboarding key, then calls authenticated by the Mooring-issued certificate. */
class AgentIdentityTest extends ServiceTest {

    @Autowired
    AgentCertificateAuthority ca;

    @Autowired
    AgentCertificates certificates;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    record Cluster(Tenant tenant, String name, String resourceId, String location, TestAgent agent) {
        String dataPlane(int port) {
            return "http://localhost:" + port + "/dataplane/" + location;
        }

        String path(String region) {
            return "/dataplane/" + region + "/v1/clusters/" + tenant.subscriptionId() + "/rg/" + name;
        }
    }

    private Cluster connect(String name, String location) {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"" + location + "\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        registerProvider(t, "Microsoft.Kubernetes");
        TestAgent agent = new TestAgent();
        String resourceId = as(t.owner()).contentType("application/json")
                .body("{\"location\":\"" + location + "\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":"
                        + "{\"agentPublicKeyCertificate\":\"" + agent.agentPublicKeyCertificate() + "\"}}")
                .put(t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/" + name
                        + "?api-version=2024-01-01").then().statusCode(201).extract().path("id");
        return new Cluster(t, name, resourceId, location, agent);
    }

    private Response onboard(Cluster c, String token) {
        return anonymous().contentType("application/json").body(c.agent().onboardBody(token))
                .post(c.path(c.location()) + "/onboard");
    }

    private String goodToken(Cluster c) {
        return c.agent().onboardingToken(c.dataPlane(port), c.resourceId(), Duration.ofMinutes(4), UUID.randomUUID().toString());
    }

    @Test
    void anAgentOnboardsWithItsKeyAndThenAuthenticatesWithItsCertificate() {
        Cluster c = connect("edge", "eastus");
        Response issued = onboard(c, goodToken(c));
        issued.then().statusCode(200).body("certificate", containsString("BEGIN CERTIFICATE"))
                .body("caCertificate", containsString("BEGIN CERTIFICATE")).body("expiresAt", notNullValue());
        c.agent().accept(issued.path("certificate"));
        assertThat(Duration.between(Instant.now(), c.agent().certificate.getNotAfter().toInstant()).toDays()).isBetween(89L, 90L);
        assertThat(AgentCertificateAuthority.clusterOf(c.agent().certificate)).isNotNull();

        anonymous().header("Authorization", c.agent().callAuthorization(c.dataPlane(port)))
                .get(c.path("eastus") + "/identity").then().statusCode(200)
                .body("clusterResourceId", equalTo(c.resourceId()))
                .body("certificateSerial", equalTo(c.agent().certificate.getSerialNumber().toString(16)));
        as(c.tenant().owner()).get(c.resourceId() + "?api-version=2024-01-01").then()
                .body("properties.managedIdentityCertificateExpirationTime", notNullValue());
        anonymous().get(c.path("eastus") + "/identity").then().statusCode(401)
                .body("error.code", equalTo("AgentAuthenticationRequired"));
    }

    @Test
    void badOnboardingTokensAreRefused() {
        Cluster c = connect("strict", "eastus");
        String audience = c.dataPlane(port);
        String token = goodToken(c);
        onboard(c, token).then().statusCode(200);
        onboard(c, token).then().statusCode(401).body("error.code", equalTo("OnboardingTokenReplayed"));
        onboard(c, TestAgent.onboardingToken(TestAgent.generate("RSA", 2048), audience, c.resourceId(), Instant.now(),
                Duration.ofMinutes(4), UUID.randomUUID().toString(), c.agent().identityKey.getPublic())).then().statusCode(401)
                .body("error.code", equalTo("InvalidOnboardingToken"));
        onboard(c, TestAgent.onboardingToken(c.agent().onboardingKey, audience, c.resourceId(),
                Instant.now().minus(Duration.ofMinutes(10)), Duration.ofMinutes(4), UUID.randomUUID().toString(),
                c.agent().identityKey.getPublic())).then().statusCode(401).body("error.code", equalTo("OnboardingTokenExpired"));
        onboard(c, c.agent().onboardingToken("http://localhost:" + port + "/dataplane/westeurope", c.resourceId(),
                Duration.ofMinutes(4), UUID.randomUUID().toString())).then().statusCode(401)
                .body("error.message", containsString("audience"));
        onboard(c, c.agent().onboardingToken(audience, c.resourceId(), Duration.ofMinutes(30), UUID.randomUUID().toString()))
                .then().statusCode(401).body("error.code", equalTo("InvalidOnboardingToken"));
        onboard(c, c.agent().onboardingToken(audience, c.resourceId() + "-other", Duration.ofMinutes(4),
                UUID.randomUUID().toString())).then().statusCode(401);
        anonymous().contentType("application/json").body(c.agent().onboardBody(goodToken(c)))
                .post("/dataplane/eastus/v1/clusters/" + c.tenant().subscriptionId() + "/rg/nope/onboard")
                .then().statusCode(404).body("error.code", equalTo("ClusterNotFound"));
        anonymous().contentType("application/json").body("{\"token\":\"" + goodToken(c) + "\",\"csr\":\"garbage\"}")
                .post(c.path("eastus") + "/onboard").then().statusCode(400).body("error.code", equalTo("InvalidCsr"));
    }

    @Test
    void aRegionsDataPlaneServesOnlyItsClusters() {
        Cluster c = connect("european", "westeurope");
        anonymous().contentType("application/json").body(c.agent().onboardBody(goodToken(c)))
                .post(c.path("eastus") + "/onboard").then().statusCode(421)
                .body("error.code", equalTo("WrongRegion"))
                .body("error.message", containsString("/dataplane/westeurope"));
    }

    @Test
    void reOnboardingRevokesTheEarlierCertificate() {
        Cluster c = connect("again", "eastus");
        c.agent().accept(onboard(c, goodToken(c)).then().statusCode(200).extract().path("certificate"));
        X509Certificate first = c.agent().certificate;
        c.agent().accept(onboard(c, goodToken(c)).then().statusCode(200).extract().path("certificate"));
        anonymous().header("Authorization", TestAgent.callAuthorization(first, c.agent().identityKey, c.dataPlane(port)))
                .get(c.path("eastus") + "/identity").then().statusCode(401)
                .body("error.code", equalTo("AgentCertificateRevoked"));
        anonymous().header("Authorization", c.agent().callAuthorization(c.dataPlane(port)))
                .get(c.path("eastus") + "/identity").then().statusCode(200);
        // Agent-reported state never gets in the way of the cluster's own creation operation.
        awaitSucceeded(c);
        as(c.tenant().owner()).get(c.resourceId() + "?api-version=2024-01-01").then()
                .body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    void anAgentMayNameItsCertificateByThumbprintOnceMooringKeepsIt() {
        Cluster c = connect("thumbprint", "eastus");
        c.agent().accept(onboard(c, goodToken(c)).then().statusCode(200).extract().path("certificate"));
        anonymous().header("Authorization", c.agent().callAuthorizationByThumbprint(c.dataPlane(port)))
                .get(c.path("eastus") + "/identity").then().statusCode(200)
                .body("certificateSerial", equalTo(c.agent().certificate.getSerialNumber().toString(16)));

        // A certificate issued before Mooring kept certificates: unknown by thumbprint until it comes whole once.
        Cluster older = connect("kept-late", "eastus");
        older.agent().accept(onboard(older, goodToken(older)).then().statusCode(200).extract().path("certificate"));
        jdbc.update("update agent_certificates set thumbprint = null, certificate = null where serial = ?",
                older.agent().certificate.getSerialNumber().toString(16));
        String byThumbprint = older.agent().callAuthorizationByThumbprint(older.dataPlane(port));
        anonymous().header("Authorization", byThumbprint).get(older.path("eastus") + "/identity").then()
                .statusCode(401).body("error.code", equalTo("InvalidAgentCredential"))
                .body("error.message", containsString("x5t#S256"));
        anonymous().header("Authorization", older.agent().callAuthorization(older.dataPlane(port)))
                .get(older.path("eastus") + "/identity").then().statusCode(200);
        anonymous().header("Authorization", older.agent().callAuthorizationByThumbprint(older.dataPlane(port)))
                .get(older.path("eastus") + "/identity").then().statusCode(200);
    }

    @Test
    void anAgentRenewsItsIdentityWithItsCurrentCertificate() {
        Cluster c = connect("renewing", "eastus");
        c.agent().accept(onboard(c, goodToken(c)).then().statusCode(200).extract().path("certificate"));
        X509Certificate current = c.agent().certificate;
        TestAgent next = new TestAgent();
        Response renewed = anonymous().header("Authorization", c.agent().callAuthorization(c.dataPlane(port)))
                .contentType("application/json").body("{\"csr\":\"" + next.csr().replace("\n", "\\n") + "\"}")
                .post(c.path("eastus") + "/identity/renew");
        renewed.then().statusCode(200);
        next.accept(renewed.path("certificate"));
        anonymous().header("Authorization", next.callAuthorization(c.dataPlane(port))).get(c.path("eastus") + "/identity")
                .then().statusCode(200);
        anonymous().header("Authorization", TestAgent.callAuthorization(current, c.agent().identityKey, c.dataPlane(port)))
                .get(c.path("eastus") + "/identity").then().statusCode(401).body("error.code", equalTo("AgentCertificateRevoked"));
        anonymous().contentType("application/json").body("{\"csr\":\"x\"}").post(c.path("eastus") + "/identity/renew")
                .then().statusCode(401);
    }

    @Test
    void anAgentCanNeverActForAnotherCluster() {
        Cluster mine = connect("mine", "eastus");
        mine.agent().accept(onboard(mine, goodToken(mine)).then().statusCode(200).extract().path("certificate"));
        Cluster theirs = connect("theirs", "eastus");
        anonymous().header("Authorization", mine.agent().callAuthorization(mine.dataPlane(port)))
                .get(theirs.path("eastus") + "/identity").then().statusCode(403)
                .body("error.code", equalTo("AgentClusterMismatch"));
        // A certificate Mooring's CA did not issue, however well formed, is refused.
        TestAgent forger = new TestAgent();
        anonymous().header("Authorization", TestAgent.callAuthorization(selfSigned(forger), forger.identityKey,
                mine.dataPlane(port))).get(mine.path("eastus") + "/identity").then().statusCode(401)
                .body("error.code", equalTo("InvalidAgentCredential"));
        // The right certificate with another agent's key does not verify.
        anonymous().header("Authorization", TestAgent.callAuthorization(mine.agent().certificate, forger.identityKey,
                mine.dataPlane(port))).get(mine.path("eastus") + "/identity").then().statusCode(401);
    }

    @Test
    void anExpiredCertificateHasItsOwnErrorCode() throws Exception {
        Cluster c = connect("old", "eastus");
        c.agent().accept(onboard(c, goodToken(c)).then().statusCode(200).extract().path("certificate"));
        UUID clusterId = AgentCertificateAuthority.clusterOf(c.agent().certificate);
        Instant past = Instant.now().minus(Duration.ofDays(100));
        var csr = new org.bouncycastle.pkcs.PKCS10CertificationRequest(
                new org.bouncycastle.openssl.PEMParser(new java.io.StringReader(c.agent().csr())).readPemObject().getContent());
        X509Certificate expired = ca.issue(csr, clusterId, past, past.plus(Duration.ofDays(90)));
        certificates.issued(expired, clusterId, past, past.plus(Duration.ofDays(90)), Instant.now());
        anonymous().header("Authorization", TestAgent.callAuthorization(expired, c.agent().identityKey, c.dataPlane(port)))
                .get(c.path("eastus") + "/identity").then().statusCode(401)
                .body("error.code", equalTo("AgentCertificateExpired"));
    }

    @Test
    void afterTheClusterIsDeletedItsAgentGets410() {
        Cluster c = connect("deleted", "eastus");
        c.agent().accept(onboard(c, goodToken(c)).then().statusCode(200).extract().path("certificate"));
        awaitSucceeded(c);
        as(c.tenant().owner()).delete(c.resourceId() + "?api-version=2024-01-01").then().statusCode(202);
        awaitGone(c.tenant().owner(), c.resourceId() + "?api-version=2024-01-01");
        anonymous().header("Authorization", c.agent().callAuthorization(c.dataPlane(port)))
                .get(c.path("eastus") + "/identity").then().statusCode(410)
                .body("error.code", equalTo("ClusterDeleted"));
    }

    @Test
    void theBootstrapCallNeedsNoCredential() {
        anonymous().post("/dataplane/eastus/azure-arc-k8sagents/GetLatestHelmPackagePath"
                        + "?api-version=2019-11-01-preview&releaseTrain=stable").then().statusCode(200)
                .body("repositoryPath", containsString(":"));
    }

    private void awaitSucceeded(Cluster c) {
        awaitProvisioned(c.tenant().owner(), c.resourceId() + "?api-version=2024-01-01");
    }

    private static X509Certificate selfSigned(TestAgent agent) {
        try {
            var name = new org.bouncycastle.asn1.x500.X500Name("CN=forged");
            var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    java.util.Date.from(Instant.now().minusSeconds(60)), java.util.Date.from(Instant.now().plusSeconds(3600)),
                    name, agent.identityKey.getPublic());
            return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(builder.build(
                    new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                            .build(agent.identityKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

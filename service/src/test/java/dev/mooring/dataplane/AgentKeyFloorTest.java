package dev.mooring.dataplane;

import static org.hamcrest.Matchers.equalTo;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

/** Mooring's CA certifies only keys as strong as the onboarding key must be: RSA of 2048 bits or more, P-256 or P-384. */
class AgentKeyFloorTest extends AgentTestBase {

    private static String csr(KeyPair key) throws Exception {
        String algorithm = key.getPublic().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=mooring-agent"), key.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate()));
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(csr);
        }
        return out.toString().replace("\n", "\\n");
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    @Test
    void weakKeysAreNeitherOnboardedNorRenewed() throws Exception {
        Onboarded c = onboarded("floor");
        KeyPair[] weak = {TestAgent.generate("RSA", 1024), ec("secp521r1")};
        for (KeyPair key : weak) {
            String token = c.agent().onboardingToken(c.dataPlane(), c.resourceId(), Duration.ofMinutes(4),
                    UUID.randomUUID().toString());
            anonymous().contentType("application/json").body("{\"token\":\"" + token + "\",\"csr\":\"" + csr(key) + "\"}")
                    .post(c.path() + "/onboard").then().statusCode(400).body("error.code", equalTo("InvalidCsr"))
                    .body("error.target", equalTo("csr"));
            agent(c).contentType("application/json").body("{\"csr\":\"" + csr(key) + "\"}").post(c.path() + "/identity/renew")
                    .then().statusCode(400).body("error.code", equalTo("InvalidCsr"));
        }
        agent(c).contentType("application/json").body("{\"csr\":\"" + csr(TestAgent.generate("RSA", 2048)) + "\"}")
                .post(c.path() + "/identity/renew").then().statusCode(200);
        KeyPair p384 = ec("secp384r1");
        String token = TestAgent.onboardingToken(c.agent().onboardingKey, c.dataPlane(), c.resourceId(),
                java.time.Instant.now(), Duration.ofMinutes(4), UUID.randomUUID().toString(), p384.getPublic());
        anonymous().contentType("application/json").body("{\"token\":\"" + token + "\",\"csr\":\"" + csr(p384)
                + "\"}").post(c.path() + "/onboard").then().statusCode(200);
    }
}

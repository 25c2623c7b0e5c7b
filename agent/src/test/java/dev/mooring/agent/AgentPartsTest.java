package dev.mooring.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentPartsTest {

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("MOORING_SUBSCRIPTION_ID", "11111111-0000-0000-0000-000000000001");
        env.put("MOORING_RESOURCE_GROUP", "rg");
        env.put("MOORING_RESOURCE_NAME", "edge");
        env.put("MOORING_LOCATION", "eastus");
        env.put("MOORING_ONBOARDING_PRIVATE_KEY", "-----BEGIN RSA PRIVATE KEY-----\n...");
        env.put("MOORING_DATA_PLANE_URL", "https://mooring.example/dataplane/eastus/");
        return env;
    }

    @Test
    void settingsComeFromTheEnvironmentAsTheChartSetsThem() {
        AgentSettings settings = AgentSettings.fromEnvironment(env());
        assertThat(settings.clusterResourceId())
                .isEqualTo("/subscriptions/11111111-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/edge");
        assertThat(settings.audience()).isEqualTo("https://mooring.example/dataplane/eastus");
        assertThat(settings.clusterPath()).isEqualTo("https://mooring.example/dataplane/eastus/v1/clusters/"
                + "11111111-0000-0000-0000-000000000001/rg/edge");
        Map<String, String> missing = env();
        missing.remove("MOORING_RESOURCE_NAME");
        assertThatThrownBy(() -> AgentSettings.fromEnvironment(missing)).hasMessageContaining("MOORING_RESOURCE_NAME");
    }

    @Test
    void theProxyIsUsedExceptForNoProxyHosts() {
        Map<String, String> env = env();
        env.put("HTTPS_PROXY", "http://proxy.corp:3128");
        env.put("NO_PROXY", "localhost,.internal,mooring.example");
        var selector = MooringClient.proxySelector(AgentSettings.fromEnvironment(env));
        assertThat(selector.select(URI.create("https://api.elsewhere.test/x")).getFirst().type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(selector.select(URI.create("https://mooring.example/x")).getFirst()).isEqualTo(Proxy.NO_PROXY);
        assertThat(selector.select(URI.create("https://git.internal/x")).getFirst()).isEqualTo(Proxy.NO_PROXY);
        assertThat(MooringClient.proxySelector(AgentSettings.fromEnvironment(env()))).isNull();
    }

    @Test
    void anExtraCaIsTrustedBesideTheSystemOnes() throws Exception {
        KeyPair key = AgentIdentity.newKey();
        var name = new X500Name("CN=corporate proxy CA");
        var certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
                new Date(), Date.from(Instant.now().plusSeconds(3600)), name, key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
        assertThat(MooringClient.trusting(Pems.write(certificate)).getProtocol()).isEqualTo("TLS");
        assertThatThrownBy(() -> MooringClient.trusting("not a certificate")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jitterStaysWithinItsPercentage() {
        for (int i = 0; i < 1000; i++) {
            Duration jittered = Agent.jittered(Duration.ofSeconds(300), 25);
            assertThat(jittered).isBetween(Duration.ofSeconds(225), Duration.ofSeconds(375));
        }
    }

    @Test
    void tokensSignedAheadReplaceWhatAnEarlierBatchLeftOver(@TempDir Path state) throws Exception {
        KeyPair key = AgentIdentity.newKey();
        var name = new X500Name("CN=agent");
        var certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, new Date(), Date.from(Instant.now().plus(Duration.ofDays(90))), name, key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
        AgentIdentity identity = AgentIdentity.of(key, Pems.write(certificate));
        Map<String, String> env = env();
        env.put("MOORING_STATE_DIR", state.toString());
        MooringClient client = new MooringClient(AgentSettings.fromEnvironment(env), null, false);
        client.presign(identity, 3, Duration.ofSeconds(1)); // two of them left over, soon expired
        client.authorization(identity);
        client.presign(identity, 1, Duration.ofMinutes(4));
        String fresh = client.authorization(identity);
        assertThat(com.nimbusds.jwt.SignedJWT.parse(fresh.substring("AgentToken ".length())).getJWTClaimsSet()
                .getExpirationTime()).isAfter(Date.from(Instant.now().plus(Duration.ofMinutes(3))));
    }

    @Test
    void renewalIsDueFromDay46AndTheIdentitySurvivesOnDisk(@TempDir Path state) throws Exception {
        KeyPair key = AgentIdentity.newKey();
        Instant issued = Instant.now().minus(Duration.ofDays(10));
        var name = new X500Name("CN=agent");
        var certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(issued), Date.from(issued.plus(Duration.ofDays(90))), name, key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
        AgentIdentity identity = AgentIdentity.of(key, Pems.write(certificate));
        assertThat(identity.renewalDue(Instant.now())).isFalse();
        assertThat(identity.renewalDue(issued.plus(Duration.ofDays(47)))).isTrue();
        identity.save(state);
        AgentIdentity loaded = AgentIdentity.load(state).orElseThrow();
        assertThat(loaded.certificate).isEqualTo(certificate);
        assertThat(loaded.key.getPrivate().getEncoded()).isEqualTo(key.getPrivate().getEncoded());
        assertThat(AgentIdentity.load(state.resolve("elsewhere"))).isEmpty();
    }

    @Test
    void theHeartbeatLoopPromisesWhenItWillBeBackInTheLivenessFile(@TempDir Path state) throws Exception {
        Map<String, String> env = env();
        env.put("MOORING_STATE_DIR", state.resolve("identity").toString());
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        Agent agent = new Agent(AgentSettings.fromEnvironment(env), null, null, null,
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        agent.markAlive(Duration.ofMinutes(5));
        Path alive = state.resolve("identity").resolve(Agent.ALIVE_FILE);
        assertThat(java.nio.file.Files.readString(alive).strip())
                .isEqualTo(String.valueOf(now.plus(Duration.ofMinutes(5)).plus(Agent.ALIVE_GRACE).getEpochSecond()));
        agent.markAlive(Duration.ofSeconds(1));
        assertThat(Long.parseLong(java.nio.file.Files.readString(alive).strip()))
                .isEqualTo(now.plusSeconds(1).plus(Agent.ALIVE_GRACE).getEpochSecond());
        assertThat(state.resolve("identity").resolve(Agent.ALIVE_FILE + ".tmp")).doesNotExist();
    }
}

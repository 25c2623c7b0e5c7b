package dev.mooring.agent;

import static dev.mooring.testing.Eventually.eventually;

import java.net.URI;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * A reference agent running only its identity and cluster-connect parts, for the connect tests: onboarded with
 * the given key, holding its tunnel to Mooring and forwarding to the given API server with a fixed
 * service-account token.
 */
public final class TestConnectAgent implements AutoCloseable {

    private final Agent agent;
    private final ClusterConnect connect;
    private final Thread loop;

    private TestConnectAgent(Agent agent, ClusterConnect connect) {
        this.agent = agent;
        this.connect = connect;
        this.loop = Thread.ofVirtual().name("test-cluster-connect").start(connect::run);
    }

    public static KeyPair newOnboardingKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** The public key as {@code agentPublicKeyCertificate} takes it (PKCS#1, base64), as the az CLI sends it. */
    public static String agentPublicKeyCertificate(KeyPair pair) {
        try {
            return Base64.getEncoder().encodeToString(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo
                    .getInstance(pair.getPublic().getEncoded()).parsePublicKey().getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestConnectAgent start(String dataPlaneUrl, String subscriptionId, String resourceGroup, String name,
            String location, KeyPair onboardingKey, URI apiServer, String serviceAccountToken, String instance)
            throws Exception {
        AgentSettings settings = new AgentSettings(subscriptionId, resourceGroup, name, location, null,
                Pems.write(onboardingKey.getPrivate()), dataPlaneUrl, Files.createTempDirectory("connect-agent"), null,
                null, null, null, "v1.31.0", 1, 2);
        Agent agent = new Agent(settings, new MooringClient(settings), null, null, Clock.systemUTC());
        agent.ensureIdentity();
        KubeApiForwarder forwarder = new KubeApiForwarder(
                new KubeApiForwarder.ApiServer(apiServer, null, () -> serviceAccountToken), Duration.ofSeconds(2));
        return new TestConnectAgent(agent, agent.clusterConnect(forwarder, instance));
    }

    /** Waits until the tunnel is open. */
    public TestConnectAgent awaitConnected(Duration timeout) {
        eventually(timeout, () -> {
            if (!connect.connected()) {
                throw new AssertionError("The agent's tunnel did not open within " + timeout);
            }
        });
        return this;
    }

    public boolean connected() {
        return connect.connected();
    }

    /** The Authorization header this agent sends to Mooring, for a benchmark that dials tunnels on its behalf. */
    public String authorization() {
        return agent.callAuthorization();
    }

    /** Drops the tunnel as a network failure would; the agent redials by itself. */
    public void dropTunnel() {
        connect.drop();
    }

    @Override
    public void close() throws InterruptedException {
        connect.stop();
        loop.join(5000);
    }
}

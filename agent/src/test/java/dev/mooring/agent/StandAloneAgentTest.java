package dev.mooring.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts a newcomer meets first: onboarding keys as the documented openssl commands write them, the
 * stand-alone mode's flags, its built-in Kubernetes API (driven by the real kubectl), and failure messages.
 */
class StandAloneAgentTest {

    /** Runs {@code command} in {@code directory} through the shell, as a reader pastes it, and expects success. */
    private static String shell(Path directory, String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command).directory(directory.toFile())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(command + "\n" + out).isZero();
        return out;
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    /** The commands docs/operations.md prints for making an onboarding key (keep the two in step). */
    /** An identity key the onboarding token is bound to (the CSR's key). */
    private static final java.security.KeyPair IDENTITY = identity();

    private static java.security.KeyPair identity() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onboardingKeysFromEveryDocumentedOpensslCommandAreRead(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("openssl"), "openssl is not on the PATH: the onboarding key formats are not checked");
        shell(dir, "openssl genrsa -out onboarding.pem 2048");
        shell(dir, "openssl genrsa -traditional -out onboarding-pkcs1.pem 2048");
        shell(dir, "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out onboarding-genpkey.pem");
        shell(dir, "openssl ecparam -name prime256v1 -genkey -out onboarding-ec.pem");
        assertThat(Files.readString(dir.resolve("onboarding-pkcs1.pem"))).contains("BEGIN RSA PRIVATE KEY");
        assertThat(Files.readString(dir.resolve("onboarding-ec.pem"))).contains("BEGIN EC PARAMETERS", "BEGIN EC PRIVATE KEY");
        for (String file : List.of("onboarding.pem", "onboarding-pkcs1.pem", "onboarding-genpkey.pem")) {
            assertThat(Pems.privateKey(Files.readString(dir.resolve(file)))).as(file).isInstanceOf(RSAPrivateKey.class);
            String token = Tokens.onboarding(Pems.privateKey(Files.readString(dir.resolve(file))),
                    "https://mooring.example/dataplane/eastus", "/subscriptions/s/resourceGroups/rg/providers/x/y/edge",
                    IDENTITY.getPublic());
            assertThat(token.split("\\.")).as(file).hasSize(3);
        }
        assertThat(Pems.privateKey(Files.readString(dir.resolve("onboarding-ec.pem")))).isInstanceOf(ECPrivateKey.class);
        // Read, but onboarding (like Arc's agentPublicKeyCertificate) takes RSA keys: the agent says so.
        assertThatThrownBy(() -> Tokens.onboarding(Pems.privateKey(Files.readString(dir.resolve("onboarding-ec.pem"))),
                "https://mooring.example/dataplane/eastus", "/x", IDENTITY.getPublic()))
                .hasMessageContaining("onboarding takes an RSA key");
        assertThatThrownBy(() -> Pems.privateKey("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pems.privateKey("not a pem")).hasMessageContaining("No private key in the PEM");
    }

    @Test
    void flagsSetTheStandAloneSettingsAndUnknownOnesAreRefused() {
        Map<String, String> env = Main.withFlags(Map.of("MOORING_TOTAL_NODE_COUNT", "1"), Flags.parse(new String[] {
                "--kubernetes", "none", "--kubernetes-version", "v1.29.4", "--nodes", "5", "--cores", "20"}));
        assertThat(env).containsEntry("MOORING_KUBERNETES", "none").containsEntry("MOORING_KUBERNETES_VERSION", "v1.29.4")
                .containsEntry("MOORING_TOTAL_NODE_COUNT", "5").containsEntry("MOORING_TOTAL_CORE_COUNT", "20");
        assertThat(Main.standAlone(env)).isTrue();
        assertThat(Main.standAlone(Map.of())).isFalse();
        assertThatThrownBy(() -> Main.standAlone(Map.of("MOORING_KUBERNETES", "nope"))).hasMessageContaining("'none' or 'auto'");
        assertThatThrownBy(() -> Main.withFlags(Map.of(), Flags.parse(new String[] {"--node", "5"})))
                .hasMessageContaining("Unknown option --node");
        assertThatThrownBy(() -> Flags.parse(new String[] {"--nodes"})).hasMessageContaining("--name value");
    }

    @Test
    void theBuiltInApiAnswersTheRealKubectl(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not on the PATH: the built-in API is not checked with it");
        try (BuiltInKubeApi api = new BuiltInKubeApi(new ClusterFacts.Facts("v1.30.2", 3, 8))) {
            String kubectl = "kubectl --server " + api.url() + " --cache-dir " + dir.resolve("cache") + " ";
            String nodes = shell(dir, kubectl + "get nodes");
            assertThat(nodes.lines().toList()).hasSize(4);
            assertThat(nodes.lines().findFirst().orElseThrow()).contains("NAME", "STATUS", "VERSION");
            assertThat(nodes).contains("node-0", "node-2", "Ready", "v1.30.2");
            assertThat(shell(dir, kubectl + "get node node-1 -o jsonpath='{.status.capacity.cpu}'")).isEqualTo("3");
            assertThat(shell(dir, kubectl + "get nodes -o name")).isEqualTo("node/node-0\nnode/node-1\nnode/node-2\n");
            assertThat(shell(dir, kubectl + "version -o json")).contains("\"gitVersion\": \"v1.30.2\"");
        }
    }

    @Test
    void theBuiltInApiSaysWhatItDoesNotServe() throws Exception {
        try (BuiltInKubeApi api = new BuiltInKubeApi(new ClusterFacts.Facts("v1.30.2", 1, 1))) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(api.url() + "/api/v1/namespaces")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.body()).contains("\"kind\":\"Status\"", "discovery and nodes only");
        }
    }

    @Test
    void failuresNameWhatFailed() {
        assertThat(Failures.describe(new RuntimeException("Operation failed",
                new java.io.IOException("x", new UnknownHostException("kubernetes.default.svc")))))
                .isEqualTo("unknown host kubernetes.default.svc");
        assertThat(Failures.describe(new java.net.ConnectException())).isEqualTo("connection refused");
    }

    @Test
    void aKubernetesApiThatCannotBeReachedIsNamedWithItsCauseAndTheWayOut() {
        var config = new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("https://kubernetes.invalid:6443")
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(2000).build();
        try (var kubernetes = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build()) {
            assertThatThrownBy(() -> ClusterFacts.fromKubernetes(kubernetes).read())
                    .hasMessageStartingWith("Cannot list the nodes at the Kubernetes API https://kubernetes.invalid:6443")
                    .hasMessageContaining("unknown host")
                    .hasMessageContaining("--kubernetes none");
        }
    }

    @Test
    void aMooringThatCannotBeReachedIsNamedWithItsCause(@TempDir Path state) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of("MOORING_SUBSCRIPTION_ID", "s", "MOORING_RESOURCE_GROUP",
                "rg", "MOORING_RESOURCE_NAME", "edge", "MOORING_LOCATION", "eastus", "MOORING_ONBOARDING_PRIVATE_KEY", "x",
                "MOORING_DATA_PLANE_URL", "http://mooring.invalid/dataplane/eastus", "MOORING_STATE_DIR", state.toString()));
        MooringClient client = new MooringClient(AgentSettings.fromEnvironment(env));
        assertThatThrownBy(() -> client.onboard("token", "csr"))
                .hasMessage("Cannot reach Mooring at http://mooring.invalid/dataplane/eastus/v1/clusters/s/rg/edge/onboard:"
                        + " unknown host");
    }
}

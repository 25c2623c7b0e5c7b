package dev.mooring.connect;

import static dev.mooring.testing.Eventually.eventually;
import static dev.mooring.testing.Eventually.eventuallyTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mooring.agent.TestConnectAgent;
import dev.mooring.clusters.ConnectCredentialIssuer.Mode;
import dev.mooring.testing.ServiceTest;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cluster connect end to end with the real kubectl: kubeconfig from listClusterUserCredential → Mooring →
 * the reference agent's tunnel → a Kubernetes API stand-in (fabric8's CRUD mock server behind a small front).
 */
@EnableKubernetesMockClient(crud = true, https = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterConnectTest extends ServiceTest {

    static KubernetesClient kubernetes;

    @Autowired
    ConnectTokens tokens;

    @Autowired
    TunnelRouter router;

    private KubeApiStandIn apiServer;
    private TlsFront front;
    private Tenant tenant;
    private String cluster;
    private TestConnectAgent agent;
    private KeyPair onboarding;
    private UUID clusterId;

    @BeforeAll
    void connectACluster() throws Exception {
        apiServer = new KubeApiStandIn(kubernetes);
        front = new TlsFront(port);
        kubernetes.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build())
                .create();
        tenant = newTenant();
        as(tenant.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(tenant.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        registerProvider(tenant, "Microsoft.Kubernetes");
        onboarding = TestConnectAgent.newOnboardingKey();
        cluster = createCluster("edge", onboarding);
        agent = startAgent();
        clusterId = UUID.fromString(idOf(cluster));
    }

    private TestConnectAgent startAgent() throws Exception {
        return TestConnectAgent.start(dataPlane(port), tenant.subscriptionId().toString(), "rg", "edge", "eastus",
                onboarding, apiServer.url(), "agent-sa-token", "pod-a").awaitConnected(Duration.ofSeconds(10));
    }

    @AfterAll
    void stop() throws Exception {
        agent.close();
        apiServer.close();
        front.close();
    }

    private String createCluster(String name, KeyPair onboarding) {
        String id = tenant.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/" + name;
        as(tenant.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"identity\":{\"type\":"
                        + "\"SystemAssigned\"},\"properties\":{\"agentPublicKeyCertificate\":\""
                        + TestConnectAgent.agentPublicKeyCertificate(onboarding) + "\"}}")
                .put(id + "?api-version=2024-01-01").then().statusCode(201);
        return id;
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private String idOf(String resourceId) {
        return jdbc.queryForObject("select id::text from connected_clusters where subscription_id = ? and name_key = ?",
                String.class, tenant.subscriptionId(), resourceId.substring(resourceId.lastIndexOf('/') + 1).toLowerCase());
    }

    private static String dataPlane(int port) {
        return "http://localhost:" + port + "/dataplane/eastus";
    }

    /**
     * listClusterUserCredential's kubeconfig, written to a file for kubectl, with the server moved to the TLS front
     * (an ingress would announce itself with X-Forwarded-Proto; the raw front cannot).
     */
    private Path kubeconfig(String token, String method) throws IOException {
        Path file = kubeconfigOf(cluster, token, method);
        Files.writeString(file, Files.readString(file)
                .replace("server: http://localhost:" + port + "/", "server: https://localhost:" + front.port() + "/"));
        return file;
    }

    private record Run(int exit, String out) {
    }

    private static Run kubectl(Path kubeconfig, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
                "--request-timeout=20s", "--insecure-skip-tls-verify"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    private static void requireKubectl() {
        boolean present = System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl")));
        assumeTrue(present, "kubectl is not on the PATH: the kubectl end-to-end checks are skipped");
    }

    @Test
    void kubectlListsCreatesAndWatchesThroughTheTunnelAsTheImpersonatedCaller() throws Exception {
        requireKubectl();
        UUID userId = UUID.randomUUID();
        roleAssignments.grantAtSubscription(tenant.subscriptionId(), tenant.tenantId(),
                dev.mooring.access.BuiltInRoles.ARC_CLUSTER_USER, userId, "User", "test");
        String user = idp.user(tenant.tenantId().toString(), userId.toString()).groups("sre", "oncall").sign();
        Path config = kubeconfig(user, "AAD");

        Run namespaces = kubectl(config, "get", "namespaces", "-o", "name");
        assertThat(namespaces.exit()).as(namespaces.out()).isZero();
        assertThat(namespaces.out()).contains("namespace/team-a");

        apiServer.seen.clear();
        Run impersonating = kubectl(config, "--as=someone-else", "--as-group=system:masters", "get", "namespaces");
        assertThat(impersonating.exit()).as(impersonating.out()).isZero();
        KubeApiStandIn.Seen seen = apiServer.seen.stream().filter(s -> s.path().equals("/api/v1/namespaces"))
                .findFirst().orElseThrow();
        assertThat(seen.first("Authorization")).isEqualTo("Bearer agent-sa-token");
        assertThat(seen.all("Impersonate-User")).containsExactly("user-" + userId.toString().substring(0, 8) + "@test.mooring");
        assertThat(seen.all("Impersonate-Group")).containsExactlyInAnyOrder("sre", "oncall");

        Run created = kubectl(config, "create", "configmap", "settings", "-n", "team-a", "--from-literal=color=blue");
        assertThat(created.exit()).as(created.out()).isZero();
        assertThat(kubernetes.configMaps().inNamespace("team-a").withName("settings").get().getData())
                .containsEntry("color", "blue");

        List<String> lines = new CopyOnWriteArrayList<>();
        Process watch = new ProcessBuilder("kubectl", "--kubeconfig", config.toString(), "--insecure-skip-tls-verify",
                "get", "configmaps", "-n", "team-a",
                "--watch", "-o", "name").redirectErrorStream(true).start();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // process ended
            }
        });
        try {
            eventuallyTrue("the watch lists the existing configmap: " + lines, () -> lines.contains("configmap/settings"));
            kubernetes.configMaps().inNamespace("team-a").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("made-meanwhile").endMetadata().addToData("k", "v").build()).create();
            eventuallyTrue("the watch sees the new configmap: " + lines, () -> lines.contains("configmap/made-meanwhile"));
        } finally {
            watch.destroy();
            reader.join(5000);
        }
    }

    @Test
    void tokenModePassesTheCallersOwnBearerTokenThroughWithoutImpersonation() throws Exception {
        requireKubectl();
        Path config = kubeconfig(tenant.owner(), "Token");
        String server = Files.readString(config);
        assertThat(server).contains("/cap/").contains("token: REPLACE-WITH-SERVICE-ACCOUNT-TOKEN");
        apiServer.seen.clear();
        Run run = kubectl(config, "--token=users-own-sa-token", "--as=someone-else", "get", "namespaces", "-o", "name");
        assertThat(run.exit()).as(run.out()).isZero();
        KubeApiStandIn.Seen seen = apiServer.seen.stream().filter(s -> s.path().equals("/api/v1/namespaces"))
                .findFirst().orElseThrow();
        assertThat(seen.first("Authorization")).isEqualTo("Bearer users-own-sa-token");
        assertThat(seen.all("Impersonate-User")).isEmpty();
        assertThat(seen.all("Impersonate-Group")).isEmpty();
    }

    @Test
    void requestsThroughConnectShareOneKeptAliveConnectionToTheApiServer() throws Exception {
        String token = bearerFromKubeconfig(tenant.owner());
        apiServer.seen.clear();
        // HTTP/1.1 as kubectl speaks it (the JDK client would otherwise ask to upgrade to h2c, which is relayed as such)
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < 20; i++) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/api")).header("Authorization",
                        "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            }
        }
        List<Integer> ports = apiServer.seen.stream().filter(s -> s.path().equals("/api")).map(KubeApiStandIn.Seen::clientPort)
                .toList();
        assertThat(ports).hasSize(20);
        assertThat(ports.stream().distinct()).as("the agent's connections to the API server").hasSize(1);
    }

    @Test
    void callersWithoutTheActionAreRefusedAtBothDoors() throws Exception {
        UUID readerId = UUID.randomUUID();
        roleAssignments.grantAtSubscription(tenant.subscriptionId(), tenant.tenantId(), dev.mooring.access.BuiltInRoles.READER,
                readerId, "User", "test");
        as(tenant.user(readerId)).contentType("application/json").body("{\"authenticationMethod\":\"AAD\",\"clientProxy\":false}")
                .post(cluster + "/listClusterUserCredential?api-version=2024-01-01").then().statusCode(403)
                .body("error.code", equalTo("AuthorizationFailed"));

        // A credential whose holder has since lost the action stops working at once.
        UUID formerId = UUID.randomUUID();
        String assignment = tenant.subscriptionPath() + "/providers/Microsoft.Authorization/roleAssignments/"
                + UUID.randomUUID() + "?api-version=2022-04-01";
        as(tenant.owner()).contentType("application/json").body("{\"properties\":{\"roleDefinitionId\":\""
                        + tenant.subscriptionPath() + "/providers/Microsoft.Authorization/roleDefinitions/"
                        + dev.mooring.access.BuiltInRoles.ARC_CLUSTER_USER + "\",\"principalId\":\"" + formerId + "\"}}")
                .put(assignment).then().statusCode(201);
        String token = bearerFromKubeconfig(tenant.user(formerId));
        assertThat(connectGet(token, "/api").statusCode()).isEqualTo(200);
        as(tenant.owner()).delete(assignment).then().statusCode(200);
        awaitStatus(token, 403);
    }

    @Test
    void expiredForgedAndMissingCredentialsAreRefused() throws Exception {
        String hash = connectHash();
        String expired = tokens.issue(new ConnectTokens.Grant(clusterId, hash, Mode.AAD, tenant.tenantId().toString(),
                tenant.ownerId().toString(), null, List.of(), Instant.now().minusSeconds(5)));
        HttpResponse<String> refused = connectGet(expired, "/api");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("ExpiredAuthenticationToken");

        String otherCluster = tokens.issue(new ConnectTokens.Grant(clusterId, "0".repeat(64), Mode.AAD,
                tenant.tenantId().toString(), tenant.ownerId().toString(), null, List.of(), Instant.now().plusSeconds(60)));
        assertThat(connectGet(otherCluster, "/api").statusCode()).isEqualTo(401);
        assertThat(connectGet(tenant.owner(), "/api").statusCode()).as("an ARM token is not a connect credential")
                .isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create(base() + "/api")).GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void aDroppedTunnelAnswers502UntilTheAgentRedials() throws Exception {
        String token = bearerFromKubeconfig(tenant.owner());
        assertThat(connectGet(token, "/api").statusCode()).isEqualTo(200);
        agent.close();
        eventuallyTrue("the tunnel is gone", () -> !router.holdsTunnel(clusterId));
        HttpResponse<String> down = connectGet(token, "/api");
        assertThat(down.statusCode()).isEqualTo(502);
        assertThat(down.body()).contains("ClusterNotConnected");

        // The agent process comes back (onboarding again with its key) and reconnects.
        agent = startAgent();
        assertThat(connectGet(token, "/api").statusCode()).isEqualTo(200);

        agent.dropTunnel();
        eventuallyTrue("the agent redials by itself", () -> agent.connected() && router.holdsTunnel(clusterId));
        assertThat(connectGet(token, "/api").statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestLandingOnTheOtherReplicaIsForwardedToTheTunnelsOwner() throws Exception {
        String token = bearerFromKubeconfig(tenant.owner());
        // Builder properties are defaults, below application.properties (server.port=8080): the port goes on the
        // command line, which beats it.
        try (var second = new org.springframework.boot.builder.SpringApplicationBuilder(dev.mooring.MooringApplication.class)
                .properties(ServiceTest.servicePropertiesAsMap()).run("--server.port=0")) {
            int secondPort = ((org.springframework.boot.web.server.context.WebServerApplicationContext) second)
                    .getWebServer().getPort();
            assertThat(second.getBean(TunnelRouter.class).holdsTunnel(clusterId)).isFalse();
            HttpResponse<String> discovery = send(HttpRequest.newBuilder(URI.create("http://localhost:" + secondPort
                    + "/connect/" + connectHash() + "/api")).header("Authorization", "Bearer " + token).GET());
            assertThat(discovery.statusCode()).isEqualTo(200);
            assertThat(discovery.body()).contains("APIVersions");
            HttpResponse<byte[]> large;
            try (HttpClient http = HttpClient.newHttpClient()) {
                large = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + secondPort + "/connect/"
                        + connectHash() + "/large?bytes=5000000")).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            }
            assertThat(large.statusCode()).isEqualTo(200);
            assertThat(large.body()).hasSize(5_000_000);
        }
    }

    @Test
    void upgradedConnectionsPipeRawBytesBothWays() throws Exception {
        try (UpgradeEchoServer echo = new UpgradeEchoServer()) {
            KeyPair key = TestConnectAgent.newOnboardingKey();
            String execCluster = createCluster("exec-target", key);
            try (TestConnectAgent execAgent = TestConnectAgent.start(dataPlane(port), tenant.subscriptionId().toString(),
                    "rg", "exec-target", "eastus", key, echo.url(), "agent-sa-token", "pod-a")
                    .awaitConnected(Duration.ofSeconds(10))) {
                String kubeconfig = Files.readString(kubeconfigOf(execCluster, tenant.owner(), "AAD"));
                String token = kubeconfig.substring(kubeconfig.indexOf("token: ") + 7).strip();
                String hash = hashOf(execCluster);
                try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                    socket.setSoTimeout(10_000);
                    var out = socket.getOutputStream();
                    out.write(("GET /connect/" + hash + "/api/v1/namespaces/default/pods/p/exec?command=sh HTTP/1.1\r\n"
                            + "Host: localhost\r\nAuthorization: Bearer " + token + "\r\nConnection: Upgrade\r\n"
                            + "Upgrade: mooring-echo\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    var in = socket.getInputStream();
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        head.append((char) in.read());
                    }
                    assertThat(head.toString()).startsWith("HTTP/1.1 101").containsIgnoringCase("upgrade: mooring-echo");
                    for (String message : List.of("hello", "from the client, twice")) {
                        out.write(message.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        assertThat(new String(in.readNBytes(message.length()), StandardCharsets.UTF_8)).isEqualTo(message);
                    }
                }
            }
        }
    }

    private Path kubeconfigOf(String clusterId, String armToken, String method) throws IOException {
        String value = as(armToken).contentType("application/json")
                .body("{\"authenticationMethod\":\"" + method + "\",\"clientProxy\":false}")
                .post(clusterId + "/listClusterUserCredential?api-version=2024-01-01").then().statusCode(200)
                .extract().path("kubeconfigs[0].value");
        Path file = Files.createTempFile("kubeconfig", ".yaml");
        Files.writeString(file, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
        return file;
    }

    private String bearerFromKubeconfig(String armToken) throws IOException {
        String kubeconfig = Files.readString(kubeconfig(armToken, "AAD"));
        return kubeconfig.substring(kubeconfig.indexOf("token: ") + 7).strip();
    }

    /** The cluster's segment of the connect endpoint: SHA-256 of the lower-cased resource id. */
    private String connectHash() throws Exception {
        return hashOf(cluster);
    }

    private static String hashOf(String resourceId) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(resourceId.toLowerCase().getBytes(StandardCharsets.UTF_8)));
    }

    private String base() throws Exception {
        return "http://localhost:" + port + "/connect/" + connectHash();
    }

    private HttpResponse<String> connectGet(String token, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + token).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private void awaitStatus(String token, int status) {
        eventually(() -> assertThat(connectGet(token, "/api").statusCode()).isEqualTo(status));
    }
}

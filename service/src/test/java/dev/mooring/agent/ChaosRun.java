package dev.mooring.agent;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.access.BuiltInRoles;
import dev.mooring.testing.ServiceTest;
import dev.mooring.testing.TestIdentityProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The chaos run ({@code mvn -B -pl service -am verify -Pchaos}; docs/reliability.md): two service replicas (separate
 * JVMs) and a simulated fleet against one PostgreSQL, while replica B is killed with SIGKILL and restarted,
 * PostgreSQL is restarted, and PostgreSQL is frozen (SIGSTOP/SIGCONT on all its processes). Afterwards every
 * acknowledged write is checked against the database: resource groups, cluster creations (their operations end
 * Succeeded), configurations, and every acknowledged heartbeat (last_seen no older than it by more than one flush
 * interval plus a margin for clocks).
 */
@Tag("chaos")
class ChaosRun {

    private static final Duration LOAD = Duration.ofSeconds(75);
    private static final Duration HEARTBEAT_TOLERANCE = Duration.ofSeconds(2);
    private static final int FLEET_PER_REPLICA = 10;
    private static final String ARM_V = "?api-version=2021-04-01";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path work = Path.of("target", "chaos");
    private final Map<String, Integer> outcomes = new ConcurrentHashMap<>();

    @Test
    void acknowledgedWritesSurviveReplicaKillsAndDatabaseFaults() throws Exception {
        Files.createDirectories(work);
        Path data = Files.createTempDirectory("mooring-chaos-db-");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        int databasePort = postgres.getPort();
        String jdbcUrl = "jdbc:postgresql://localhost:" + databasePort + "/postgres";
        int portA = freePort();
        int portB = freePort();
        Process a = null;
        Process b = null;
        try {
            // Start A first (it migrates the schema), then B.
            a = replica("a", portA, jdbcUrl);
            awaitReady(portA, Duration.ofMinutes(4));
            b = replica("b", portB, jdbcUrl);
            awaitReady(portB, Duration.ofMinutes(4));

            UUID tenant = UUID.randomUUID();
            UUID subscription = UUID.randomUUID();
            UUID owner = UUID.randomUUID();
            String admin = TestIdentityProvider.shared().anyUser().roles("Platform.Admin").sign();
            String token = TestIdentityProvider.shared().user(tenant.toString(), owner.toString()).sign();
            String sub = "/subscriptions/" + subscription;
            expect2xx(send(portA, admin, "PUT", sub + "?api-version=2.0", "{\"state\":\"Registered\","
                    + "\"registrationDate\":\"Mon, 16 Nov 2026 10:00:00 GMT\",\"properties\":{\"tenantId\":\"" + tenant
                    + "\",\"locationPlacementId\":\"Public_2014-09-01\",\"quotaId\":\"PayAsYouGo_2014-09-01\","
                    + "\"registeredFeatures\":[]}}"));
            expect2xx(send(portA, admin, "PUT", sub + "/providers/Microsoft.Authorization/roleAssignments/"
                    + UUID.randomUUID() + "?api-version=2022-04-01", "{\"properties\":{\"roleDefinitionId\":"
                    + "\"/providers/Microsoft.Authorization/roleDefinitions/" + BuiltInRoles.OWNER + "\",\"principalId\":\""
                    + owner + "\",\"principalType\":\"User\"}}"));
            expect2xx(send(portA, token, "POST", sub + "/providers/Microsoft.KubernetesConfiguration/register" + ARM_V, ""));

            List<Agent> fleetA = Simulator.prepare(options(portA, token, subscription, "fleet-a"));
            List<Agent> fleetB = Simulator.prepare(options(portB, token, subscription, "fleet-b"));
            eventually(Duration.ofSeconds(60), () -> assertThat(send(portA, token, "GET",
                    sub + "/providers/Microsoft.KubernetesConfiguration" + ARM_V).body()).contains("\"Registered\""));

            Map<String, Instant> lastBeat = new ConcurrentHashMap<>();
            Set<String> groups = ConcurrentHashMap.newKeySet();
            Set<String> clusters = ConcurrentHashMap.newKeySet();
            Set<String> configurations = ConcurrentHashMap.newKeySet();
            String publicKey = onboardingKey();
            AtomicInteger counter = new AtomicInteger();
            List<String> faults = java.util.Collections.synchronizedList(new ArrayList<>());
            Process[] replicaB = {b};
            EmbeddedPostgres[] database = {postgres};
            long started = System.nanoTime();
            ScheduledExecutorService load = Executors.newScheduledThreadPool(8, Thread.ofVirtual().factory());
            for (List<Agent> fleet : List.of(fleetA, fleetB)) {
                for (Agent agent : fleet) {
                    load.scheduleWithFixedDelay(() -> beat(agent, lastBeat), 0, 500, TimeUnit.MILLISECONDS);
                }
            }
            load.scheduleWithFixedDelay(() -> {
                int n = counter.incrementAndGet();
                int port = n % 2 == 0 ? portA : portB;
                String group = "chaos-" + n;
                record(group, send(port, token, "PUT", sub + "/resourcegroups/" + group + ARM_V,
                        "{\"location\":\"eastus\"}"), groups);
                String cluster = "op-" + n;
                record(cluster, send(port, token, "PUT", sub + "/resourceGroups/fleet-a/providers/Microsoft.Kubernetes"
                        + "/connectedClusters/" + cluster + "?api-version=2024-01-01", "{\"location\":\"eastus\","
                        + "\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{\"agentPublicKeyCertificate\":\""
                        + publicKey + "\"}}"), clusters);
                String configuration = "cfg-" + n;
                record(configuration, send(port, token, "PUT", sub + "/resourceGroups/fleet-a/providers/"
                        + "Microsoft.Kubernetes/connectedClusters/sim-" + (n % FLEET_PER_REPLICA) + "/providers/"
                        + "Microsoft.KubernetesConfiguration/sourceControlConfigurations/" + configuration
                        + "?api-version=2021-03-01", "{\"properties\":{\"repositoryUrl\":"
                        + "\"https://github.com/example/fleet-config\",\"operatorScope\":\"cluster\"}}"), configurations);
            }, 0, 300, TimeUnit.MILLISECONDS);

            ScheduledExecutorService chaos = Executors.newSingleThreadScheduledExecutor();
            chaos.schedule(() -> {
                replicaB[0].destroyForcibly();
                faults.add(at(started) + " SIGKILL replica B");
            }, 12, TimeUnit.SECONDS);
            chaos.schedule(() -> {
                replicaB[0] = replica("b2", portB, jdbcUrl);
                faults.add(at(started) + " replica B started again");
            }, 17, TimeUnit.SECONDS);
            chaos.schedule(() -> {
                faults.add(at(started) + " PostgreSQL restart begins");
                database[0].close();
                database[0] = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                        .setPort(databasePort).start();
                faults.add(at(started) + " PostgreSQL restarted");
                return null;
            }, 30, TimeUnit.SECONDS);
            chaos.schedule(() -> {
                signalPostgres(data, "STOP");
                faults.add(at(started) + " PostgreSQL frozen (SIGSTOP)");
            }, 48, TimeUnit.SECONDS);
            chaos.schedule(() -> {
                signalPostgres(data, "CONT");
                faults.add(at(started) + " PostgreSQL thawed (SIGCONT) after 4 s");
            }, 52, TimeUnit.SECONDS);

            load.schedule(() -> { }, LOAD.toSeconds(), TimeUnit.SECONDS).get();
            load.shutdownNow();
            load.awaitTermination(30, TimeUnit.SECONDS);
            chaos.shutdown();
            chaos.awaitTermination(60, TimeUnit.SECONDS);
            b = replicaB[0];
            postgres = database[0];
            awaitReady(portB, Duration.ofMinutes(4));

            try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
                eventually(Duration.ofSeconds(90), () -> assertThat(count(db, "select count(*) from async_operations"
                        + " where status = 'InProgress' and subscription_id = '" + subscription + "'")).isZero());
                List<String> missing = new ArrayList<>();
                for (String group : groups) {
                    if (count(db, "select count(*) from resource_groups where subscription_id = '" + subscription
                            + "' and name_key = '" + group + "'") != 1) {
                        missing.add("group " + group);
                    }
                }
                for (String cluster : clusters) {
                    if (count(db, "select count(*) from connected_clusters where subscription_id = '" + subscription
                            + "' and name_key = '" + cluster + "' and provisioning_state = 'Succeeded'") != 1) {
                        missing.add("cluster " + cluster);
                    }
                }
                for (String configuration : configurations) {
                    if (count(db, "select count(*) from source_control_configurations where name_key = '"
                            + configuration + "'") != 1) {
                        missing.add("configuration " + configuration);
                    }
                }
                long failedOperations = count(db, "select count(*) from async_operations where status = 'Failed'"
                        + " and subscription_id = '" + subscription + "'");
                Duration worstLag = Duration.ZERO;
                for (var beat : lastBeat.entrySet()) {
                    Instant seen = lastSeen(db, beat.getKey());
                    Duration lag = seen == null ? Duration.ofDays(1) : Duration.between(seen, beat.getValue());
                    worstLag = lag.compareTo(worstLag) > 0 ? lag : worstLag;
                    if (lag.compareTo(HEARTBEAT_TOLERANCE) > 0) {
                        missing.add("heartbeat of " + beat.getKey() + " (acknowledged " + beat.getValue()
                                + ", stored " + seen + ")");
                    }
                }
                String report = report(faults, groups.size(), clusters.size(), configurations.size(), lastBeat.size(),
                        failedOperations, worstLag, missing);
                Files.writeString(work.resolve("results.md"), report);
                System.out.println(report);
                assertThat(missing).isEmpty();
                assertThat(failedOperations).isZero();
                assertThat(groups).hasSizeGreaterThan(50);
            }
        } finally {
            if (a != null) {
                a.destroyForcibly();
            }
            if (b != null) {
                b.destroyForcibly();
            }
            postgres.close();
        }
    }

    private String report(List<String> faults, int groups, int clusters, int configurations, int heartbeatClusters,
            long failedOperations, Duration worstLag, List<String> missing) {
        StringBuilder out = new StringBuilder("# Chaos run\n\nFaults (seconds from the start of the load):\n\n");
        faults.forEach(f -> out.append("- ").append(f).append('\n'));
        out.append("\nAnswers during the run (by kind and status; 0 = no answer):\n\n");
        new java.util.TreeMap<>(outcomes).forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
        out.append(String.format("%nAcknowledged and found: %d resource groups, %d cluster creations (operations all"
                + " ended, %d Failed), %d configurations; heartbeats of %d clusters, worst lag of the stored last_seen"
                + " behind the last acknowledged beat %d ms (allowed %d ms).%nMissing: %s%n", groups, clusters,
                failedOperations, configurations, heartbeatClusters, worstLag.toMillis(), HEARTBEAT_TOLERANCE.toMillis(),
                missing.isEmpty() ? "none" : missing));
        return out.toString();
    }

    private void beat(Agent agent, Map<String, Instant> lastBeat) {
        try {
            agent.heartbeat();
            lastBeat.put(agent.clusterResourceId().substring(agent.clusterResourceId().lastIndexOf('/') + 1)
                    + "@" + agent.clusterResourceId().split("/")[4], Instant.now());
            outcomes.merge("heartbeat 200", 1, Integer::sum);
        } catch (RuntimeException e) {
            outcomes.merge("heartbeat failed", 1, Integer::sum);
        }
    }

    private void record(String name, HttpResponse<String> response, Set<String> acknowledged) {
        String kind = name.substring(0, name.indexOf('-'));
        int status = response == null ? 0 : response.statusCode();
        outcomes.merge(kind + " " + status, 1, Integer::sum);
        if (status >= 200 && status < 300) {
            acknowledged.add(name);
        }
    }

    private static Instant lastSeen(Connection db, String clusterAtGroup) throws Exception {
        String[] parts = clusterAtGroup.split("@");
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
                "select h.last_seen from cluster_heartbeats h join connected_clusters c on c.id = h.cluster_id"
                        + " where c.name_key = '" + parts[0] + "' and c.resource_group_key = '" + parts[1] + "'")) {
            return rows.next() ? rows.getTimestamp(1).toInstant() : null;
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String at(long started) {
        return String.format("%.1f s:", (System.nanoTime() - started) / 1e9);
    }

    private static Simulator.Options options(int port, String token, UUID subscription, String group) {
        String arm = "http://localhost:" + port;
        return new Simulator.Options(arm, token, subscription.toString(), group, "eastus", arm + "/dataplane/eastus",
                FLEET_PER_REPLICA, 1, 1, "heartbeat", 0);
    }

    /** A replica as a separate JVM on the test classpath, so that it can be killed for real. */
    private Process replica(String name, int port, String jdbcUrl) {
        Map<String, Object> properties = new HashMap<>(ServiceTest.servicePropertiesAsMap());
        properties.put("server.port", Integer.toString(port));
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("mooring.throttling.replicas", "2");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.mooring.MooringApplication"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("replica-" + name + ".log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(int port, Duration timeout) {
        eventually(timeout, () -> assertThat(send(port, null, "GET", "/actuator/health/readiness").statusCode())
                .isEqualTo(200));
    }

    /** Sends SIGSTOP or SIGCONT to the postmaster and all its children. */
    private static void signalPostgres(Path data, String signal) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip());
            List<String> pids = new ArrayList<>();
            pids.add(Long.toString(postmaster));
            ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(c -> pids.add(Long.toString(c.pid()))));
            List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
            command.addAll(pids);
            new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(int port, String token, String method, String path) {
        return send(port, token, method, path, null);
    }

    private HttpResponse<String> send(int port, String token, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void expect2xx(HttpResponse<String> response) {
        assertThat(response).isNotNull();
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    private static String onboardingKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return Base64.getEncoder().encodeToString(SubjectPublicKeyInfo.getInstance(
                generator.generateKeyPair().getPublic().getEncoded()).parsePublicKey().getEncoded());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

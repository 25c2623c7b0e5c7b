package dev.mooring.connect;

import dev.mooring.agent.TestConnectAgent;
import dev.mooring.testing.ServiceTest;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cluster connect side by side with direct loopback to the same API server stand-in, in one run: a 100 MiB
 * download, the added latency of a small GET, 100 watches held open with events flowing, and heap per idle
 * tunnel.
 *
 * <p>Run: {@code mvn -B -pl service -am verify -Pbenchmark -Dtest=ConnectBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; writes docs/benchmarks/cluster-connect.md. Knobs:
 * {@code -Dconnect.watchSeconds} (60), {@code -Dconnect.idleTunnels} (100).
 */
@Tag("benchmark")
@EnableKubernetesMockClient(crud = true, https = false)
class ConnectBenchmark extends ServiceTest {

    static KubernetesClient kubernetes;

    @Test
    void clusterConnectBesideDirectLoopback() throws Exception {
        int watchSeconds = Integer.getInteger("connect.watchSeconds", 60);
        int idleTunnels = Integer.getInteger("connect.idleTunnels", 100);
        kubernetes.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("bench").endMetadata().build())
                .create();
        List<String> report = new ArrayList<>();
        try (KubeApiStandIn api = new KubeApiStandIn(kubernetes); HttpClient http = HttpClient.newHttpClient()) {
            Tenant t = newTenant();
            as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                    .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
            registerProvider(t, "Microsoft.Kubernetes");
            KeyPair key = TestConnectAgent.newOnboardingKey();
            String cluster = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/bench";
            as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},"
                    + "\"properties\":{\"agentPublicKeyCertificate\":\"" + TestConnectAgent.agentPublicKeyCertificate(key) + "\"}}")
                    .put(cluster + "?api-version=2024-01-01").then().statusCode(201);
            String kubeconfig = new String(Base64.getDecoder().decode(as(t.owner()).contentType("application/json")
                    .body("{\"authenticationMethod\":\"AAD\",\"clientProxy\":false}")
                    .post(cluster + "/listClusterUserCredential?api-version=2024-01-01").then().statusCode(200)
                    .extract().<String>path("kubeconfigs[0].value")), StandardCharsets.UTF_8);
            String server = kubeconfig.substring(kubeconfig.indexOf("server: ") + 8, kubeconfig.indexOf('\n',
                    kubeconfig.indexOf("server: "))).strip();
            String token = kubeconfig.substring(kubeconfig.indexOf("token: ") + 7).strip();
            try (TestConnectAgent agent = TestConnectAgent.start("http://localhost:" + port + "/dataplane/eastus",
                    t.subscriptionId().toString(), "rg", "bench", "eastus", key, api.url(), "sa", "pod-0")
                    .awaitConnected(Duration.ofSeconds(10))) {
                String direct = api.url().toString();

                // 1. 100 MiB download, best of 3 each, alternating.
                long size = 100L * 1024 * 1024;
                double bestDirect = 0;
                double bestTunnel = 0;
                for (int round = 0; round < 3; round++) {
                    bestDirect = Math.max(bestDirect, download(http, direct + "/large?bytes=" + size, null, size));
                    bestTunnel = Math.max(bestTunnel, download(http, server + "/large?bytes=" + size, token, size));
                }
                report.add("| 100 MiB download | direct %.0f MiB/s | through Mooring %.0f MiB/s | ratio **%.2f** (target ≥ 0.8) |"
                        .formatted(bestDirect, bestTunnel, bestTunnel / bestDirect));

                // 2. Small GET, 2,000 each after warm-up, alternating.
                Histogram directLatency = new Histogram(3);
                Histogram tunnelLatency = new Histogram(3);
                for (int i = 0; i < 2_500; i++) {
                    long a = timedGet(http, direct + "/api", null);
                    long b = timedGet(http, server + "/api", token);
                    if (i >= 500) {
                        directLatency.recordValue(a);
                        tunnelLatency.recordValue(b);
                    }
                }
                report.add("| small GET p50 | direct %.2f ms | through Mooring %.2f ms | added **%.2f ms** |".formatted(
                        ms(directLatency.getValueAtPercentile(50)), ms(tunnelLatency.getValueAtPercentile(50)),
                        ms(tunnelLatency.getValueAtPercentile(50) - directLatency.getValueAtPercentile(50))));
                report.add("| small GET p99 | direct %.2f ms | through Mooring %.2f ms | added **%.2f ms** (target < 5 ms) |"
                        .formatted(ms(directLatency.getValueAtPercentile(99)), ms(tunnelLatency.getValueAtPercentile(99)),
                                ms(tunnelLatency.getValueAtPercentile(99) - directLatency.getValueAtPercentile(99))));

                // 3. 100 concurrent watches with events flowing.
                AtomicLong eventsSeen = new AtomicLong();
                List<Thread> watchers = new ArrayList<>();
                List<InputStream> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
                for (int i = 0; i < 100; i++) {
                    watchers.add(Thread.ofVirtual().start(() -> {
                        try {
                            HttpResponse<InputStream> watch = http.send(HttpRequest.newBuilder(URI.create(server
                                    + "/api/v1/namespaces/bench/configmaps?watch=true")).header("Authorization", "Bearer " + token)
                                    .build(), HttpResponse.BodyHandlers.ofInputStream());
                            bodies.add(watch.body());
                            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(watch.body()));
                            while (lines.readLine() != null) {
                                eventsSeen.incrementAndGet();
                            }
                        } catch (Exception e) {
                            // closed at the end
                        }
                    }));
                }
                Thread.sleep(2000);
                int created = 0;
                long end = System.nanoTime() + Duration.ofSeconds(watchSeconds).toNanos();
                while (System.nanoTime() < end) {
                    kubernetes.configMaps().inNamespace("bench").resource(new ConfigMapBuilder().withNewMetadata()
                            .withName("cm-" + created++).endMetadata().build()).create();
                    Thread.sleep(200);
                }
                Thread.sleep(2000);
                long streams = router.activeStreams(clusterIdOf(t));
                report.add("| 100 watches for %d s | %d configmaps created | %d events delivered (expected %d) | %d streams open at the end |"
                        .formatted(watchSeconds, created, eventsSeen.get(), created * 100L, streams));
                for (InputStream body : bodies) {
                    body.close();
                }
                watchers.forEach(Thread::interrupt);

                // 4. Heap per idle tunnel (both ends live in this JVM, so this is an upper bound for the server side).
                long before = usedHeapAfterGc();
                List<TestConnectAgent> idle = new ArrayList<>();
                for (int i = 0; i < idleTunnels; i++) {
                    idle.add(TestConnectAgent.start("http://localhost:" + port + "/dataplane/eastus",
                            t.subscriptionId().toString(), "rg", "bench", "eastus", key, api.url(), "sa", "idle-" + i)
                            .awaitConnected(Duration.ofSeconds(10)));
                }
                long after = usedHeapAfterGc();
                report.add("| %d idle tunnels | heap %.1f MiB before | %.1f MiB after | **%.1f KiB per tunnel** (both ends, plus each test agent's onboarding) |"
                        .formatted(idleTunnels, before / 1048576.0, after / 1048576.0, (after - before) / 1024.0 / idleTunnels));
                for (TestConnectAgent a : idle) {
                    a.close();
                }
            }
        }
        String results = "# Cluster connect benchmark\n\nGenerated by `ConnectBenchmark` on " + java.time.LocalDate.now()
                + " (" + Runtime.getRuntime().availableProcessors() + " cores, shared machine; service, agent, API server "
                + "stand-in and clients in one JVM, plain HTTP on loopback).\n\n| measure | baseline | through Mooring | result |\n|---|---|---|---|\n"
                + String.join("\n", report) + "\n";
        Files.writeString(Path.of("../docs/benchmarks/cluster-connect.md"), results);
        System.out.println(results);
    }

    @org.springframework.beans.factory.annotation.Autowired
    TunnelRouter router;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private java.util.UUID clusterIdOf(Tenant t) {
        return jdbc.queryForObject("select id from connected_clusters where subscription_id = ? and name_key = 'bench'",
                java.util.UUID.class, t.subscriptionId());
    }

    private static double download(HttpClient http, String url, String token, long size) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        long read = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                read += n;
            }
        }
        if (read != size) {
            throw new AssertionError("read " + read + " of " + size);
        }
        return size / 1048576.0 / ((System.nanoTime() - start) / 1e9);
    }

    private static long timedGet(HttpClient http, String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + response.statusCode());
        }
        return (System.nanoTime() - start) / 1000;
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}

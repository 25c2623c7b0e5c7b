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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cluster connect side by side with direct loopback to the same API server stand-in, in one run: a 100 MiB
 * download and the added latency of a small GET, both by curl (a client outside the JVM), 100 watches held open
 * with events flowing, and the service's heap per idle tunnel (tunnels dialled by another process).
 *
 * <p>Run: {@code mvn -B -pl service -am verify -Pbenchmark -Dtest=ConnectBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; writes docs/benchmarks/cluster-connect.md. Knobs:
 * {@code -Dconnect.watchSeconds} (60), {@code -Dconnect.idleTunnels} (1000).
 */
@Tag("benchmark")
@EnableKubernetesMockClient(crud = true, https = false)
class ConnectBenchmark extends ServiceTest {

    static KubernetesClient kubernetes;

    @Test
    void clusterConnectBesideDirectLoopback() throws Exception {
        int watchSeconds = Integer.getInteger("connect.watchSeconds", 60);
        int idleTunnels = Integer.getInteger("connect.idleTunnels", 1000);
        kubernetes.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("bench").endMetadata().build())
                .create();
        List<String> report = new ArrayList<>();
        String perTunnel = "";
        String loadAtStart = loadAverage();
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

                // 1. 100 MiB download by curl (a client outside this JVM), 5 each, alternating; medians.
                long size = 100L * 1024 * 1024;
                double[] directSpeeds = new double[5];
                double[] tunnelSpeeds = new double[5];
                for (int round = 0; round < 5; round++) {
                    directSpeeds[round] = curlDownload(direct + "/large?bytes=" + size, null, size);
                    tunnelSpeeds[round] = curlDownload(server + "/large?bytes=" + size, token, size);
                }
                double directMedian = median(directSpeeds);
                double tunnelMedian = median(tunnelSpeeds);
                report.add("| 100 MiB download (curl, median of 5) | direct %.0f MiB/s | through Mooring %.0f MiB/s | ratio **%.2f** (target ≥ 0.5, stretch 0.8) |"
                        .formatted(directMedian, tunnelMedian, tunnelMedian / directMedian));

                // 2. Small GET by curl over one kept-alive connection each, 2,000 each after 500 warm-ups, alternating.
                long[][] latencies = curlSmallGets(direct + "/api", server + "/api", token, 2_500);
                Histogram directLatency = new Histogram(3);
                Histogram tunnelLatency = new Histogram(3);
                for (int i = 500; i < latencies[0].length; i++) {
                    directLatency.recordValue(latencies[0][i]);
                    tunnelLatency.recordValue(latencies[1][i]);
                }
                report.add("| small GET p50 (curl) | direct %.2f ms | through Mooring %.2f ms | added **%.2f ms** |".formatted(
                        ms(directLatency.getValueAtPercentile(50)), ms(tunnelLatency.getValueAtPercentile(50)),
                        ms(tunnelLatency.getValueAtPercentile(50) - directLatency.getValueAtPercentile(50))));
                report.add("| small GET p99 (curl) | direct %.2f ms | through Mooring %.2f ms | added **%.2f ms** (target < 5 ms) |"
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

                // 4. Heap per idle tunnel, server side only: the tunnels are dialled by another process. Live objects
                // counted from a class histogram (exact, unlike the used heap, which ZGC reports by the 2 MiB page).
                Map<String, long[]> before = liveHeapByClass();
                ProcessBuilder holding = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                        "../tunnel/target/classes", "src/test/resources/connect/IdleTunnels.java",
                        "http://localhost:" + port + "/dataplane/eastus/v1/clusters/" + t.subscriptionId()
                                + "/rg/bench/tunnel", Integer.toString(idleTunnels))
                        .redirectError(ProcessBuilder.Redirect.INHERIT);
                holding.environment().put("MOORING_AUTHORIZATION", agent.authorization());
                Process holder = holding.start();
                var lines = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()));
                String ready = lines.readLine();
                while (ready != null && !ready.startsWith("open ")) {
                    ready = lines.readLine(); // the JVM's own notices (a flight recording's, for one)
                }
                if (ready == null || !ready.equals("open " + idleTunnels)) {
                    throw new AssertionError("idle tunnels not opened: " + ready);
                }
                long held = dev.mooring.testing.Eventually.eventually(() -> {
                    int now = router.tunnelsOf(clusterIdOf(t)).size();
                    if (now < idleTunnels + 1) {
                        throw new AssertionError(now + " tunnels held"); // the last upgrades are still settling
                    }
                    return now;
                });
                Map<String, long[]> after = liveHeapByClass();
                holder.getOutputStream().close();
                holder.waitFor();
                long grown = after.get(TOTAL)[1] - before.get(TOTAL)[1];
                report.add("| %d idle tunnels (dialled by another process) | live heap %.1f MiB before | %.1f MiB after (%d tunnels held) | **%.1f KiB per tunnel**, %.1f MiB for 1,000 (target < 20 MiB) |"
                        .formatted(idleTunnels, before.get(TOTAL)[1] / 1048576.0, after.get(TOTAL)[1] / 1048576.0, held,
                                grown / 1024.0 / idleTunnels, grown / 1048576.0 / idleTunnels * 1000));
                perTunnel = largestGrowth(before, after, idleTunnels);
            }
        }
        String results = "# Cluster connect benchmark\n\nGenerated by `ConnectBenchmark` on " + java.time.LocalDate.now()
                + " (" + Runtime.getRuntime().availableProcessors() + " cores, shared machine, load average " + loadAtStart
                + " at the start and " + loadAverage() + " at the end; service, agent and API server stand-in in one JVM;"
                + " downloads and small GETs by curl, idle tunnels from another JVM; plain HTTP on loopback).\n\n"
                + "Command: `mvn -B -pl service -am verify -Pbenchmark -Dtest=ConnectBenchmark"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dconnect.watchSeconds=" + watchSeconds + " -Dconnect.idleTunnels="
                + idleTunnels + "`\n\n| measure | baseline | through Mooring | result |\n|---|---|---|---|\n"
                + String.join("\n", report) + "\n\nWhat an idle tunnel holds on the service's heap (the classes that grew most, per tunnel):\n\n"
                + "| class | instances per tunnel | bytes per tunnel |\n|---|---|---|\n" + perTunnel;
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

    /** Downloads with curl; answers MiB/s as curl measured it. */
    private static double curlDownload(String url, String token, long size) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-o", "/dev/null", "-w",
                "%{http_code} %{size_download} %{speed_download}"));
        if (token != null) {
            command.addAll(List.of("-H", "@-")); // the header from standard input, not the process list
        }
        command.add(url);
        String[] out = run(command, token == null ? "" : "Authorization: Bearer " + token + "\n").strip().split(" ");
        if (!out[0].equals("200") || Long.parseLong(out[1]) != size) {
            throw new AssertionError("curl " + url + ": " + String.join(" ", out));
        }
        return Double.parseDouble(out[2]) / 1048576.0;
    }

    /**
     * {@code count} GETs of each URL by one curl process, alternating, each URL over its own kept-alive
     * connection; answers the microseconds of each, direct first.
     */
    private static long[][] curlSmallGets(String direct, String tunnel, String token, int count) throws Exception {
        Path config = Files.createTempFile("small-gets", ".curl");
        StringBuilder urls = new StringBuilder("header = \"Authorization: Bearer " + token + "\"\n");
        for (int i = 0; i < count; i++) {
            urls.append("url = \"").append(direct).append("\"\noutput = \"/dev/null\"\n");
            urls.append("url = \"").append(tunnel).append("\"\noutput = \"/dev/null\"\n");
        }
        Files.writeString(config, urls);
        try {
            String[] lines = run(List.of("curl", "-sS", "-K", config.toString(), "-w", "%{http_code} %{time_total}\\n"), "")
                    .strip().split("\n");
            long[][] micros = new long[2][count];
            for (int i = 0; i < lines.length; i++) {
                String[] parts = lines[i].split(" ");
                if (!parts[0].equals("200")) {
                    throw new AssertionError("small GET answered " + lines[i]);
                }
                micros[i % 2][i / 2] = Math.round(Double.parseDouble(parts[1]) * 1e6);
            }
            return micros;
        } finally {
            Files.delete(config);
        }
    }

    private static String run(List<String> command, String input) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError(command.getFirst() + " failed: " + out);
        }
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static final String TOTAL = "Total";

    /** The one-minute load average, as {@code uptime} shows it. */
    private static String loadAverage() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** Instances and bytes of every class of live object (the histogram runs a full collection first). */
    private static Map<String, long[]> liveHeapByClass() throws Exception {
        String histogram = (String) java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> classes = new java.util.HashMap<>();
        for (String line : histogram.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 4 && fields[0].endsWith(":")) { // a fifth field names the module of JDK classes
                classes.put(fields[3], new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])});
            } else if (fields.length == 3 && fields[0].equals(TOTAL)) {
                classes.put(TOTAL, new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])});
            }
        }
        return classes;
    }

    /** Table rows of the ten classes whose live bytes grew most, per tunnel. */
    private static String largestGrowth(Map<String, long[]> before, Map<String, long[]> after, int tunnels) {
        StringBuilder rows = new StringBuilder();
        after.entrySet().stream().filter(e -> !e.getKey().equals(TOTAL))
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -(e.getValue()[1]
                        - before.getOrDefault(e.getKey(), new long[2])[1])))
                .limit(10).forEach(e -> {
                    long[] was = before.getOrDefault(e.getKey(), new long[2]);
                    rows.append("| `%s` | %.2f | %.0f |%n".formatted(e.getKey(),
                            (e.getValue()[0] - was[0]) / (double) tunnels, (e.getValue()[1] - was[1]) / (double) tunnels));
                });
        return rows.toString();
    }
}

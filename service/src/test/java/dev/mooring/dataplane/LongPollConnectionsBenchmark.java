package dev.mooring.dataplane;

import static dev.mooring.testing.Eventually.eventually;
import static dev.mooring.testing.JvmMeasures.cpuMillis;
import static dev.mooring.testing.JvmMeasures.heapAfterGc;
import static dev.mooring.testing.JvmMeasures.loadAverage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.configurations.LongPolls;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * What the web server adds to a waiting configuration long-poll: {@code connections} real HTTP/1.1 long-polls over
 * kept-alive connections, from a separate process ({@link LongPollClients}), wait on this replica; the benchmark
 * reads the heap they hold (after GC), the classes that grew (class histogram), and the JVM's CPU while they wait.
 * The polls are one agent's (one cluster, one token): what a connection costs does not depend on whose it is.
 *
 * <p>Run: {@code mvn -B -pl service -am verify -Pbenchmark -Dtest=LongPollConnectionsBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; writes docs/benchmarks/long-poll-connections.md. Knobs:
 * {@code longpolls.connections} (15000; each side needs as many file descriptors), {@code longpolls.seconds} (30).
 */
@Tag("benchmark")
@TestPropertySource(properties = {"server.tomcat.max-connections=" + LongPollConnectionsBenchmark.MAX_CONNECTIONS,
        "server.tomcat.accept-count=1000"})
class LongPollConnectionsBenchmark extends AgentTestBase {

    static final int MAX_CONNECTIONS = 20_000;
    private static final int CONNECTIONS = Integer.getInteger("longpolls.connections", 15_000);
    private static final int SECONDS = Integer.getInteger("longpolls.seconds", 30);

    @Autowired
    ApplicationContext context;

    @Value("${server.tomcat.max-http-request-header-size:8KB}")
    String requestHeaderSize;

    @Value("${server.tomcat.max-http-response-header-size:8KB}")
    String responseHeaderSize;

    @Test
    void whatAWaitingHttpLongPollCostsTheReplica() throws Exception {
        Onboarded c = onboarded("held");
        String etag = agent(c).get(c.path() + "/configurations").then().statusCode(200).extract().header("ETag");
        UUID clusterId = clusterIdOf(c);
        long heapBefore = heapAfterGc();
        Map<String, long[]> histogramBefore = histogram();
        Process clients = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", Path.of("target", "test-classes").toString(), LongPollClients.class.getName(),
                Integer.toString(port), c.path() + "/configurations?waitSeconds=60",
                c.agent().callAuthorization(c.dataPlane()), etag, Integer.toString(CONNECTIONS))
                .redirectErrorStream(true).start();
        List<String> clientOutput = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(clientOutput::add);
            } catch (IOException ignored) {
                // the process was ended
            }
        });
        var toClients = clients.outputWriter(StandardCharsets.US_ASCII);
        ScheduledExecutorService tokens = Executors.newSingleThreadScheduledExecutor();
        tokens.scheduleAtFixedRate(() -> { // call tokens live two minutes
            try {
                toClients.write(c.agent().callAuthorization(c.dataPlane()) + "\n");
                toClients.flush();
            } catch (IOException ended) {
                tokens.shutdown();
            }
        }, 60, 60, TimeUnit.SECONDS);
        try {
            long joining = System.nanoTime();
            eventually(Duration.ofMinutes(5), () -> assertThat(LongPolls.waiting(context, clusterId))
                    .as("waiting polls; client said: %s", lastOf(clientOutput)).isEqualTo(CONNECTIONS));
            double joinSeconds = (System.nanoTime() - joining) / 1e9;
            long heapWaiting = heapAfterGc();
            Map<String, long[]> histogramWaiting = histogram();
            long cpuBefore = cpuMillis();
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(SECONDS); // the measurement: the replica holds them
            double elapsed = (System.nanoTime() - start) / 1e9;
            long cpu = cpuMillis() - cpuBefore;
            int stillWaiting = LongPolls.waiting(context, clusterId);
            write(joinSeconds, heapWaiting - heapBefore, grown(histogramBefore, histogramWaiting), cpu, elapsed,
                    stillWaiting, lastOf(clientOutput));
            assertThat(stillWaiting).as("polls waiting at the end").isGreaterThan(CONNECTIONS * 9 / 10);
        } finally {
            tokens.shutdownNow();
            clients.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String lastOf(List<String> lines) {
        synchronized (lines) {
            return lines.isEmpty() ? "(nothing)" : lines.getLast();
        }
    }

    /** This JVM's live objects by class: instances and bytes (the {@code GC.class_histogram} diagnostic command). */
    private static Map<String, long[]> histogram() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
        Map<String, long[]> classes = new HashMap<>();
        histogram.lines().map(String::strip).filter(line -> line.matches("\\d+:\\s+\\d+\\s+\\d+\\s+\\S.*"))
                .forEach(line -> {
                    String[] f = line.split("\\s+");
                    classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                });
        return classes;
    }

    /** The classes whose live bytes grew most, as table rows: class, instances and bytes per connection. */
    private static List<String> grown(Map<String, long[]> before, Map<String, long[]> after) {
        return after.entrySet().stream()
                .map(e -> {
                    long[] was = before.getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new long[] {e.getValue()[0] - was[0], e.getValue()[1] - was[1]});
                })
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
                .limit(20)
                .map(e -> String.format("| `%s` | %.2f | %,.0f |", e.getKey(), e.getValue()[0] / (double) CONNECTIONS,
                        e.getValue()[1] / (double) CONNECTIONS))
                .toList();
    }

    private void write(double joinSeconds, long heap, List<String> grown, long cpuMillis, double seconds,
            int stillWaiting, String client) throws IOException {
        List<String> lines = new ArrayList<>(List.of("# Configuration long-polls over HTTP: what the web server adds", "",
                "Generated by `LongPollConnectionsBenchmark` (`mvn -B -pl service -am verify -Pbenchmark "
                        + "-Dtest=LongPollConnectionsBenchmark -Dsurefire.failIfNoSpecifiedTests=false`) on "
                        + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                        + Runtime.version() + ", load average at the end " + loadAverage()
                        + ".", "",
                String.format("%,d HTTP/1.1 long-polls (`waitSeconds=60`), each on a kept-alive connection of its own, "
                        + "sent by a separate process (`LongPollClients`, which sends the next poll when one answers 304) "
                        + "to Mooring's Tomcat (`server.tomcat.max-connections=%,d`, `max-http-request-header-size=%s`, "
                        + "`max-http-response-header-size=%s`, other settings as shipped); they all waited after %.1f s.",
                        CONNECTIONS, MAX_CONNECTIONS, requestHeaderSize, responseHeaderSize, joinSeconds), "",
                "| measure | value |", "|---|---:|",
                String.format("| heap held by the waiting polls and their connections (after GC) | %.1f MiB |",
                        heap / 1024.0 / 1024.0),
                String.format("| per waiting poll | %,d bytes |", heap / CONNECTIONS),
                String.format("| JVM CPU while they wait, %.0f s (polls answering 304 after 60 s and sent again included) "
                        + "| %.1f %% of a core |", seconds, cpuMillis / 10.0 / seconds),
                String.format("| polls waiting at the end | %,d of %,d |", stillWaiting, CONNECTIONS), "",
                "Live objects that grew, per waiting poll (class histogram before and while they wait):", "",
                "| class | instances | bytes |", "|---|---:|---:|"));
        lines.addAll(grown);
        lines.addAll(List.of("", "The client's last line: `" + client + "`."));
        String out = String.join("\n", lines) + "\n";
        Files.writeString(Path.of("..", "docs", "benchmarks", "long-poll-connections.md"), out);
        System.out.println(out);
    }
}

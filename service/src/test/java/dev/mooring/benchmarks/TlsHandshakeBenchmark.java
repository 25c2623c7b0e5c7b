package dev.mooring.benchmarks;

import dev.mooring.testing.JvmMeasures;
import dev.mooring.testing.ServiceTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a TLS handshake costs the server beside the request it carries, for the deployment advice in
 * docs/operations.md ("TLS and connection reuse"): Mooring's JVM CPU per request for a kept-alive plain HTTP GET, a
 * kept-alive HTTPS GET, a GET on a new connection with a full handshake (RSA 2048 and ECDSA P-256 certificates),
 * and a GET on a new connection resuming an earlier session. The clients are processes of their own (curl for the
 * kept-alive kinds, {@code openssl s_time} for new connections); the kinds take turns over several rounds and the
 * results are medians. Run: {@code mvn -B -pl service -am verify -Pbenchmark -Dtest=TlsHandshakeBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; writes docs/benchmarks/tls.md. Knobs: {@code tls.seconds} (10 per
 * phase), {@code tls.rounds} (3).
 */
@Tag("benchmark")
@Import(TlsHandshakeBenchmark.TlsConnectors.class)
class TlsHandshakeBenchmark extends ServiceTest {

    private static final int SECONDS = Integer.getInteger("tls.seconds", 10);
    private static final int ROUNDS = Integer.getInteger("tls.rounds", 3);
    private static final String PAGE = "/actuator/health/liveness";
    private static final Pattern CONNECTIONS = Pattern.compile("(\\d+) connections in [0-9.]+s");

    @Autowired
    TlsConnectors tls;

    /** As docs/operations.md advises: a kept-alive connection carries any number of requests. */
    @DynamicPropertySource
    static void keepAlive(DynamicPropertyRegistry registry) {
        registry.add("server.tomcat.max-keep-alive-requests", () -> "-1");
    }

    /** One way of calling, and how to run it for a while: the number of requests it made. */
    private record Kind(String name, Phase phase) {
    }

    @FunctionalInterface
    private interface Phase {
        long run() throws IOException, InterruptedException;
    }

    private record Sample(String kind, int round, long requests, double seconds, double cpuMillisPerRequest) {
    }

    @Test
    void measure() throws Exception {
        Assumptions.assumeTrue(onPath("openssl") && onPath("curl"), "needs openssl and curl on the PATH");
        List<Kind> kinds = List.of(
                new Kind("plain HTTP, kept alive", () -> keptAlive("http://127.0.0.1:" + port + PAGE)),
                new Kind("HTTPS (ECDSA), kept alive", () -> keptAlive("https://127.0.0.1:" + tls.ecPort() + PAGE)),
                new Kind("HTTPS, new connection, full handshake, ECDSA P-256", () -> newConnections(tls.ecPort(), false)),
                new Kind("HTTPS, new connection, full handshake, RSA 2048", () -> newConnections(tls.rsaPort(), false)),
                new Kind("HTTPS, new connection, resumed session, ECDSA P-256", () -> newConnections(tls.ecPort(), true)),
                new Kind("HTTPS, new connection, resumed session, RSA 2048", () -> newConnections(tls.rsaPort(), true)));
        for (Kind kind : kinds) {
            kind.phase().run(); // warm-up: JIT, session caches
        }
        double idleCpuPerSecond = idleCpuPerSecond();
        List<Sample> samples = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < kinds.size(); i++) {
                Kind kind = kinds.get((i + round) % kinds.size());
                long cpuBefore = JvmMeasures.cpuMillis();
                long start = System.nanoTime();
                long requests = kind.phase().run();
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = JvmMeasures.cpuMillis() - cpuBefore - idleCpuPerSecond * seconds;
                samples.add(new Sample(kind.name(), round, requests, seconds, requests == 0 ? Double.NaN : cpu / requests));
            }
        }
        write(kinds, samples, idleCpuPerSecond);
    }

    /** curl fetches the page again and again over one connection for the phase's length. */
    private long keptAlive(String url) throws IOException, InterruptedException {
        int batch = 2_000;
        long requests = 0;
        long end = System.nanoTime() + SECONDS * 1_000_000_000L;
        while (System.nanoTime() < end) {
            String out = run(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{num_connects}\\n", "--cacert",
                    tls.caFile().toString(), url + "?n=[1-" + batch + "]"));
            long ok = out.lines().filter(line -> line.startsWith("200 ")).count();
            long connections = out.lines().mapToLong(line -> Long.parseLong(line.substring(4).trim())).sum();
            if (ok != batch || connections != 1) {
                throw new IllegalStateException("curl got " + ok + " of " + batch + " answers right from " + url
                        + " over " + connections + " connections");
            }
            requests += ok;
        }
        return requests;
    }

    /**
     * openssl s_time opens connection after connection for the phase's length, one GET on each. It prints a mark per
     * connection, {@code r} when the session was resumed; resumption is asserted, so a server that stopped resuming
     * cannot pass for one that resumes.
     */
    private long newConnections(int tlsPort, boolean resume) throws IOException, InterruptedException {
        String out = run(List.of("openssl", "s_time", "-connect", "127.0.0.1:" + tlsPort, resume ? "-reuse" : "-new",
                "-www", PAGE, "-time", String.valueOf(SECONDS), "-CAfile", tls.caFile().toString()));
        Matcher m = CONNECTIONS.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("openssl s_time printed no count:\n" + out);
        }
        long connections = Long.parseLong(m.group(1));
        if (resume) {
            String marks = out.substring(out.indexOf("starting") + "starting".length(), m.start());
            long resumed = marks.chars().filter(c -> c == 'r').count();
            if (resumed < connections * 0.99) {
                throw new IllegalStateException("only " + resumed + " of " + connections + " sessions were resumed");
            }
        }
        return connections;
    }

    private double idleCpuPerSecond() throws IOException, InterruptedException {
        long before = JvmMeasures.cpuMillis();
        long start = System.nanoTime();
        Thread.sleep(5_000); // an idle window: what the JVM spends with no client at all, subtracted from every phase
        return (JvmMeasures.cpuMillis() - before) / ((System.nanoTime() - start) / 1e9);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    private static boolean onPath(String program) {
        try {
            return new ProcessBuilder("which", program).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private void write(List<Kind> kinds, List<Sample> samples, double idleCpuPerSecond) throws IOException {
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Double> rate = new LinkedHashMap<>();
        for (Kind kind : kinds) {
            List<Sample> mine = samples.stream().filter(s -> s.kind().equals(kind.name())).toList();
            cpu.put(kind.name(), median(mine.stream().map(Sample::cpuMillisPerRequest).toList()));
            rate.put(kind.name(), median(mine.stream().map(s -> s.requests() / s.seconds()).toList()));
        }
        double keptAlive = cpu.get(kinds.get(1).name());
        List<String> lines = new ArrayList<>(List.of("# TLS: what a handshake costs the server", "",
                "Generated by `TlsHandshakeBenchmark` (`mvn -B -pl service -am verify -Pbenchmark -Dtest=TlsHandshakeBenchmark "
                        + "-Dsurefire.failIfNoSpecifiedTests=false`) on " + Instant.now() + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version() + ", "
                        + "/proc/loadavg at the end: " + JvmMeasures.loadAverage() + ".", "",
                "Each kind of call fetches the liveness probe (`" + PAGE + "`) from Mooring for " + SECONDS + " s, closed "
                        + "loop, from a client process of its own: curl over one kept-alive connection, or `openssl s_time` "
                        + "opening a new connection (TLS 1.3) per request, with a full handshake (`-new`) or resuming its "
                        + "first session (`-reuse`). The kinds take turns over " + ROUNDS + " rounds, each in a different "
                        + "position each round; figures are medians. CPU is Mooring's JVM's, from /proc, per request, less "
                        + String.format("what the JVM spends idle (%.1f ms a second, measured before the rounds).", idleCpuPerSecond),
                "", "| call | per second | Mooring CPU ms per request | / kept-alive HTTPS |", "|---|---:|---:|---:|"));
        for (Kind kind : kinds) {
            lines.add(String.format("| %s | %.0f | %.3f | %.1f |", kind.name(), rate.get(kind.name()), cpu.get(kind.name()),
                    cpu.get(kind.name()) / keptAlive));
        }
        lines.addAll(List.of("", "Every phase, in the order run:", "",
                "| round | call | requests | seconds | Mooring CPU ms per request |", "|---:|---|---:|---:|---:|"));
        for (Sample s : samples) {
            lines.add(String.format("| %d | %s | %d | %.1f | %.3f |", s.round(), s.kind(), s.requests(), s.seconds(),
                    s.cpuMillisPerRequest()));
        }
        Files.write(Path.of("..", "docs", "benchmarks", "tls.md"), lines);
    }

    /** Two HTTPS connectors beside the test's plain HTTP one: one with an RSA 2048 certificate, one with ECDSA P-256. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TlsConnectors {

        private final Path directory;
        private Connector rsa;
        private Connector ec;

        TlsConnectors() throws IOException, InterruptedException {
            directory = Files.createTempDirectory("mooring-tls-bench");
            run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", directory.resolve("rsa.key").toString(),
                    "-out", directory.resolve("rsa.crt").toString()));
            run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", directory.resolve("ec.key").toString(), "-out", directory.resolve("ec.crt").toString()));
            Files.writeString(directory.resolve("ca.pem"), Files.readString(directory.resolve("rsa.crt"))
                    + Files.readString(directory.resolve("ec.crt")));
        }

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> tlsBenchmarkConnectors() {
            return factory -> {
                rsa = connector("rsa", SSLHostConfigCertificate.Type.RSA);
                ec = connector("ec", SSLHostConfigCertificate.Type.EC);
                factory.addAdditionalConnectors(rsa, ec);
            };
        }

        private Connector connector(String name, SSLHostConfigCertificate.Type type) {
            Connector connector = new Connector(Http11NioProtocol.class.getName());
            connector.setScheme("https");
            connector.setSecure(true);
            connector.setPort(0);
            connector.setProperty("address", "127.0.0.1");
            Http11NioProtocol protocol = (Http11NioProtocol) connector.getProtocolHandler();
            protocol.setSSLEnabled(true);
            protocol.setMaxKeepAliveRequests(-1);
            SSLHostConfig ssl = new SSLHostConfig();
            ssl.setProtocols("TLSv1.3");
            SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl, type);
            certificate.setCertificateFile(directory.resolve(name + ".crt").toString());
            certificate.setCertificateKeyFile(directory.resolve(name + ".key").toString());
            ssl.addCertificate(certificate);
            protocol.addSslHostConfig(ssl);
            return connector;
        }

        int rsaPort() {
            return rsa.getLocalPort();
        }

        int ecPort() {
            return ec.getLocalPort();
        }

        Path caFile() {
            return directory.resolve("ca.pem");
        }
    }
}

package dev.mooring.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.dataplane.HeartbeatFlushSql;
import dev.mooring.testing.ServiceTest;
import dev.mooring.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Heartbeats per second Mooring absorbs with the fleet simulator beside it (same JVM, same two cores), measured
 * side by side with (a) the authenticated no-op identity call, the HTTP ceiling, and (b) the flush statement
 * alone, the database ceiling: through pgbench when it is installed, and through JDBC always.
 * It sits beside the agent because it drives the simulator's package-private parts.
 *
 * <p>Run: {@code mvn -B -pl service -am verify -Pbenchmark}; writes docs/benchmarks/heartbeats.md. Knobs (system
 * properties): {@code heartbeats.clusters} (3400), {@code heartbeats.rate} (3400), {@code heartbeats.seconds} (60).
 */
@Tag("benchmark")
class HeartbeatBenchmark extends ServiceTest {

    /** A million clusters beating every five minutes. */
    private static final int TARGET = 3400;
    private static final int CLUSTERS = Integer.getInteger("heartbeats.clusters", 3400);
    private static final int RATE = Integer.getInteger("heartbeats.rate", 3400);
    private static final int SECONDS = Integer.getInteger("heartbeats.seconds", 60);
    /** Enough callers to keep both cores busy while each waits on the network and the database. */
    private static final int CONCURRENCY = 128;
    private static final int CEILING_SECONDS = 15;
    /** Tokens signed ahead for a ceiling run: more than it can use (one left over falls back to signing inline). */
    private static final double CEILING_CALLS_PER_SECOND = 6000;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void heartbeatsAgainstTheHttpAndDatabaseCeilings() throws Exception {
        Tenant t = newTenant();
        Simulator.Options options = new Simulator.Options("http://localhost:" + port, t.owner(),
                t.subscriptionId().toString(), "sim", "eastus", "http://localhost:" + port + "/dataplane/eastus",
                CLUSTERS, RATE, SECONDS, "heartbeat", 0);
        long preparing = System.nanoTime();
        List<Agent> fleet = Simulator.prepare(options);
        double prepareSeconds = (System.nanoTime() - preparing) / 1e9;

        // Warm-up: JIT, connection pools, caches.
        Simulator.saturate(fleet, "identity", CONCURRENCY, 10);
        Simulator.saturate(fleet, "heartbeat", CONCURRENCY, 10);

        // Every measured call carries a token Mooring has not seen, as each call of a real fleet does; the
        // simulator signs them before the clock starts (a real fleet signs on its own machines).
        Simulator.presign(fleet, Simulator.tokensPerAgent(fleet, CEILING_CALLS_PER_SECOND * CEILING_SECONDS));
        Simulator.Result noOpCeiling = Simulator.saturate(fleet, "identity", CONCURRENCY, CEILING_SECONDS);
        Simulator.presign(fleet, Simulator.tokensPerAgent(fleet, CEILING_CALLS_PER_SECOND * CEILING_SECONDS));
        Simulator.Result heartbeatCeiling = Simulator.saturate(fleet, "heartbeat", CONCURRENCY, CEILING_SECONDS);
        Simulator.presign(fleet, Simulator.tokensPerAgent(fleet, (double) RATE * SECONDS));
        Simulator.Result sustained = Simulator.run(fleet, options);
        TimeUnit.SECONDS.sleep(2);
        long stored = jdbc.queryForObject("""
                select count(*) from cluster_heartbeats h join connected_clusters c on c.id = h.cluster_id
                 where c.subscription_id = ?""", Long.class, t.subscriptionId());

        List<UUID> ids = jdbc.queryForList("select id from connected_clusters where subscription_id = ?", UUID.class,
                t.subscriptionId());
        double jdbcRowsPerSecond = jdbcFlushRate(ids, CEILING_SECONDS);
        String pgbench = pgbench(ids, CEILING_SECONDS);

        write(prepareSeconds, noOpCeiling, heartbeatCeiling, sustained, stored, ids.size(), jdbcRowsPerSecond, pgbench);
        assertThat(stored).as("every simulated cluster's heartbeat reached PostgreSQL").isEqualTo(CLUSTERS);
    }

    /** The flush statement for a batch of every cluster, back to back over one connection. */
    private double jdbcFlushRate(List<UUID> ids, int seconds) {
        String sql = HeartbeatFlushSql.literal(ids);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        long rows = 0;
        while (System.nanoTime() < end) {
            rows += jdbc.update(sql);
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    /** pgbench running the same statement, one client; null when pgbench is not installed. */
    private String pgbench(List<UUID> ids, int seconds) throws IOException, InterruptedException {
        Path binary = List.of(Path.of("/usr/bin/pgbench"), Path.of("/usr/local/bin/pgbench")).stream()
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (binary == null) {
            return null;
        }
        Path script = Files.createTempFile("heartbeat-flush", ".sql");
        Files.writeString(script, HeartbeatFlushSql.literal(ids).replace('\n', ' ') + ";\n");
        TestPostgres.Server db = TestPostgres.server();
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-n", "-c", "1", "-T", String.valueOf(seconds),
                "-f", script.toString(), "-h", db.host(), "-p", String.valueOf(db.port()), "-U", db.username(),
                db.database()).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", db.password());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        Matcher latency = Pattern.compile("latency average = ([0-9.]+) ms").matcher(output);
        if (!tps.find()) {
            return "pgbench failed: " + output.strip().lines().reduce((a, b) -> b).orElse("");
        }
        double flushes = Double.parseDouble(tps.group(1));
        return String.format("%.1f flushes/s of %d rows = %.0f rows/s (latency average %s ms)", flushes, ids.size(),
                flushes * ids.size(), latency.find() ? latency.group(1) : "?");
    }

    private static void write(double prepareSeconds, Simulator.Result noOp, Simulator.Result ceiling,
            Simulator.Result sustained, long stored, int clusters, double jdbcRowsPerSecond, String pgbench)
            throws IOException {
        double p99 = sustained.latency().getValueAtPercentile(99) / 1000.0;
        boolean rateMet = RATE >= TARGET && sustained.perSecond() >= 0.98 * TARGET && sustained.failed() == 0;
        List<String> lines = new ArrayList<>();
        lines.add("# Heartbeats");
        lines.add("");
        lines.add("Generated by `HeartbeatBenchmark` (`mvn -B -pl service -am verify -Pbenchmark`) on " + Instant.now()
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version()
                + ". Mooring (Tomcat, embedded PostgreSQL 17) and the fleet simulator share the machine and the JVM.");
        lines.add("");
        lines.add(String.format("Fleet: %d simulated clusters created through ARM and onboarded in %.0f s; every call "
                + "carries a fresh agent token (RS256, x5c) that Mooring verifies, signed ahead by the simulator; at most "
                + Simulator.MAX_IN_FLIGHT + " calls are open at once.", clusters, prepareSeconds));
        lines.add("");
        lines.add("| run | calls ok | failed | per second | p50 ms | p99 ms | p99.9 ms | max ms |");
        lines.add("|---|---:|---:|---:|---:|---:|---:|---:|");
        lines.add(row("no-op identity call, " + CONCURRENCY + " callers closed loop (HTTP ceiling)", noOp));
        lines.add(row("heartbeat, " + CONCURRENCY + " callers closed loop (heartbeat ceiling)", ceiling));
        lines.add(row("heartbeat, open loop at " + RATE + "/s for " + SECONDS + " s (sustained)", sustained));
        for (Simulator.Result r : List.of(noOp, ceiling, sustained)) {
            if (r.firstFailure() != null) {
                lines.add("");
                lines.add("First failure seen: `" + r.firstFailure() + "`");
            }
        }
        lines.add("");
        lines.add(String.format("Database ceiling (the flush statement, a batch of all %d clusters, one connection): "
                + "JDBC %.0f rows/s; pgbench %s.", clusters, jdbcRowsPerSecond,
                pgbench == null ? "not installed" : pgbench));
        lines.add("");
        lines.add(String.format("Ratios: heartbeat ceiling / no-op ceiling = %.2f; sustained rate / target = %.2f; "
                + "database ceiling (JDBC) / target = %.0f.", ceiling.perSecond() / noOp.perSecond(),
                sustained.perSecond() / TARGET, jdbcRowsPerSecond / TARGET));
        lines.add("");
        lines.add(String.format("Target: %d heartbeats/s sustained with p99 under 50 ms and at least 70%% of the no-op "
                        + "ceiling. Sustained: %s (%.0f/s, %d failed); p99 %.2f ms: %s; ratio %.2f: %s.", TARGET,
                rateMet ? "met" : "NOT met", sustained.perSecond(), sustained.failed(), p99,
                p99 < 50 ? "met" : "NOT met", ceiling.perSecond() / noOp.perSecond(),
                ceiling.perSecond() / noOp.perSecond() >= 0.7 ? "met" : "NOT met"));
        lines.add(String.format("Stored: %d of %d clusters have a heartbeat row after the run.", stored, clusters));
        String out = String.join("\n", lines) + "\n";
        Path file = Path.of("..", "docs", "benchmarks", "heartbeats.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
        System.out.println(out);
    }

    private static String row(String name, Simulator.Result r) {
        return String.format("| %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %.2f |", name, r.completed(), r.failed(),
                r.perSecond(), r.latency().getValueAtPercentile(50) / 1000.0,
                r.latency().getValueAtPercentile(99) / 1000.0, r.latency().getValueAtPercentile(99.9) / 1000.0,
                r.latency().getMaxValue() / 1000.0);
    }
}

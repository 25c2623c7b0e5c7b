package dev.mooring.inventory;

import dev.mooring.access.BuiltInRoles;
import dev.mooring.dataplane.HeartbeatFlushSql;
import dev.mooring.testing.TestPostgres;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The inventory at fleet scale: seeds a million clusters (with heartbeats, tags and agent metadata in realistic
 * spreads) by COPY into a database of its own, then measures through HTTP the summary and filtered first pages
 * (p50/p99 over repeated calls, every call interleaved with the others in rounds, while heartbeats flow at
 * {@code inventory.heartbeatRate} a second through the flush statement) beside an HTTP floor (a first page that an
 * index answers with no rows) and the summary's old query (a scan of the inventory) as a reference, the raw SQL under
 * EXPLAIN ANALYZE, and the heartbeat flush with and without the inventory triggers.
 *
 * <p>Run: {@code mvn -B -pl service -am verify -Pbenchmark -Dtest=InventoryBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; writes docs/benchmarks/inventory.md. Knobs: {@code inventory.clusters}
 * (1000000), {@code inventory.calls} (200), {@code inventory.heartbeatRate} (3400).
 */
@Tag("benchmark")
class InventoryBenchmark extends InventoryTestBase {

    private static final int CLUSTERS = Integer.getInteger("inventory.clusters", 1_000_000);
    private static final int CALLS = Integer.getInteger("inventory.calls", 200);
    private static final int HEARTBEAT_RATE = Integer.getInteger("inventory.heartbeatRate", 3400);
    private static final int WARM_UPS = 5;
    /** Every provisioning state: the same counts, but a filter only the scan of the inventory answers. */
    private static final String SCAN = "&provisioningState=Succeeded,Failed,Canceled,Provisioning,Updating,Deleting,Accepted";
    private static final int SUBSCRIPTIONS = 100;
    private static final int GROUPS_PER_SUBSCRIPTION = 20;
    private static final String[] LOCATIONS = {"eastus", "eastus", "eastus", "westeurope", "westeurope", "westus2",
            "northeurope", "southeastasia", "japaneast", "uksouth"};
    private static final String[] DISTRIBUTIONS = {"k3s", "k3s", "aks_edge_essentials", "openshift", "rke2", "eks", "gke",
            "generic"};
    private static final String[] INFRASTRUCTURES = {"generic", "generic", "azure_stack_hci", "vsphere", "aws", "gcp"};
    private static final String[] ENVS = {"prod", "prod", "prod", "staging", "dev", "dev"};

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        String url = TestPostgres.createDatabase("inventory_benchmark_" + System.currentTimeMillis());
        registry.add("spring.datasource.url", () -> url);
        // No background sweeps or gauges competing with the measured calls.
        registry.add("mooring.scheduling.enabled", () -> "false");
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    InventoryMetrics metrics;

    @Autowired
    FleetCountsUpkeep upkeep;

    @Autowired
    dev.mooring.clusters.ConnectivityPolicy connectivity;

    record Result(String name, double p50Millis, double p99Millis, int rows) {
    }

    @Test
    void summaryAndFilteredPagesOverAMillionClusters() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        List<UUID> subscriptionIds = new ArrayList<>();
        for (int s = 0; s < SUBSCRIPTIONS; s++) {
            UUID id = UUID.randomUUID();
            subscriptions.ensureRegistered(id, s == 0 ? tenant : UUID.randomUUID(), "bench " + s);
            subscriptionIds.add(id);
        }
        roleAssignments.grantAtSubscription(subscriptionIds.getFirst(), tenant, BuiltInRoles.READER, owner, "User", "bench");

        loadAtStart = loadAverage();
        long seeding = System.nanoTime();
        seed(subscriptionIds);
        double seedSeconds = (System.nanoTime() - seeding) / 1e9;
        long vacuuming = System.nanoTime();
        jdbc.execute("vacuum analyze");
        double vacuumSeconds = (System.nanoTime() - vacuuming) / 1e9;
        countRowsPerMinute = jdbc.queryForObject("select count(*) from cluster_inventory_counts", Long.class);
        // As the scheduled upkeep does every minute: identities that expired since the seed's mark go to their
        // expired rows, heartbeat minutes that can no longer read Connected to their old rows.
        upkeep.run();
        countRowsFolded = jdbc.queryForObject("select count(*) from cluster_inventory_counts", Long.class);

        String admin = admin();
        String reader = idp.user(tenant.toString(), owner.toString()).sign();
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("HTTP floor: first page, name prefix that matches nothing", "/clusters?namePrefix=no-such-cluster");
        calls.put("summary: fleet totals", "/summary");
        calls.put("summary: connectivityStatus x location", "/summary?groupBy=connectivityStatus,location");
        calls.put("summary: outdated agents by version", "/summary?agentVersion=outdated&groupBy=agentVersion");
        calls.put("summary: tag env x kubernetesVersion", "/summary?groupBy=tag:env,kubernetesVersion");
        calls.put("first page: no filter (name order)", "/clusters");
        calls.put("first page: westeurope, Offline, last seen over a day ago",
                "/clusters?location=westeurope&connectivityStatus=Offline&lastConnectivityTimeBefore=P1D");
        calls.put("first page: tag env=prod, Kubernetes <1.28", "/clusters?tag=env=prod&kubernetesVersion=%3C1.28");
        calls.put("first page: outdated agents", "/clusters?agentVersion=outdated");
        calls.put("first page: Connected, name prefix c-12", "/clusters?connectivityStatus=Connected&namePrefix=c-12");
        calls.put("first page: order by lastConnectivityTime desc (no index)", "/clusters?orderBy=lastConnectivityTime%20desc");
        calls.put("first page: 1,000 rows as CSV", "/clusters?$top=1000&format=csv");
        calls.put("summary: connectivityStatus x location, old query (scan)",
                "/summary?groupBy=connectivityStatus,location" + SCAN);
        List<Call> measured = new ArrayList<>();
        for (var call : calls.entrySet()) {
            measured.add(new Call(call.getKey(), admin, call.getValue()));
        }
        measured.add(new Call("reader of one subscription: summary by connectivityStatus", reader,
                "/summary?groupBy=connectivityStatus"));
        measured.add(new Call("reader of one subscription: first page, Connected", reader,
                "/clusters?connectivityStatus=Connected"));
        Heartbeats heartbeats = new Heartbeats(jdbc.queryForList("select cluster_id from cluster_heartbeats", UUID.class));
        List<Result> results;
        try (heartbeats) {
            results = measure(measured);
        }

        long refreshing = System.nanoTime();
        metrics.refresh();
        double gaugeMillis = (System.nanoTime() - refreshing) / 1e6;

        Object[] statusArgs = connectivity.statusSqlArgs(Instant.now());
        String now = "'" + statusArgs[0] + "'::timestamptz";
        String after = "'" + statusArgs[1] + "'::timestamptz";
        String status = Fleet.STATUS.replaceFirst("\\?", now).replaceFirst("\\?", after);
        Map<String, String> plans = new LinkedHashMap<>();
        Object[] minuteArgs = connectivity.statusSqlArgs(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        String minute = "'" + minuteArgs[0] + "'::timestamptz";
        String minuteStatus = Fleet.STATUS.replaceFirst("\\?", minute).replaceFirst("\\?",
                "'" + minuteArgs[1] + "'::timestamptz");
        plans.put("summary: connectivityStatus x location", "explain (analyze, buffers) select i.location as k0, "
                + minuteStatus + " as k1, sum(i.clusters), coalesce(sum(i.total_node_count), 0),"
                + " coalesce(sum(i.total_core_count), 0), sum(sum(i.clusters)) over () from "
                + FleetCounts.RELATION.replace("?", minute) + " where true group by 1, 2 having sum(i.clusters) <> 0"
                + " order by 3 desc, 1, 2 limit 10001");
        plans.put("summary before V75: its correction alone (every expired identity through the expiry index)",
                "explain (analyze, buffers) select count(*), sum(x.sign) from cluster_inventory e cross join lateral"
                + " (values (null::timestamptz, -1), (e.identity_expires_at, 1)) as x (expires, sign)"
                + " where e.identity_expires_at < " + minute);
        plans.put("summary: connectivityStatus x location, old query (scan)", "set local parallel_setup_cost = 0;"
                + " set local parallel_tuple_cost = 0; set local work_mem = '64MB'; set local enable_sort = off; explain (analyze, buffers) select i.location as k0, " + status
                + " as k1, count(*), coalesce(sum(i.total_node_count), 0), coalesce(sum(i.total_core_count), 0),"
                + " sum(count(*)) over () from cluster_inventory i where true group by 1, 2 order by 3 desc, 1, 2"
                + " limit 10001");
        plans.put("first page: westeurope, Offline, last seen over a day ago", "explain (analyze, buffers) select i.*, "
                + status + " from cluster_inventory i where i.location = any('{westeurope}'::text[]) and"
                + " ((i.identity_expires_at is null or i.identity_expires_at >= " + now + ") and i.last_seen <= " + after
                + ") and i.last_seen < " + now + " - interval '1 day' order by i.name_key, i.cluster_id limit 101");
        plans.put("first page: tag env=prod, Kubernetes <1.28", "explain (analyze, buffers) select i.* from"
                + " cluster_inventory i where i.tags @> '{\"env\":\"prod\"}'::jsonb and coalesce(i.kubernetes_version_key, -1)"
                + " >= 0 and coalesce(i.kubernetes_version_key, -1) < 1028000 order by i.name_key, i.cluster_id limit 101");
        plans.put("first page: outdated agents", "explain (analyze, buffers) select i.* from cluster_inventory i where"
                + " coalesce(i.agent_version_key, -1) >= 0 and coalesce(i.agent_version_key, -1) < 1012000"
                + " order by i.name_key, i.cluster_id limit 101");
        Map<String, String> explained = new LinkedHashMap<>();
        for (var plan : plans.entrySet()) {
            explained.put(plan.getKey(), explain(plan.getValue()));
        }

        double[] flush = flushRates();
        write(results, seedSeconds, vacuumSeconds, gaugeMillis, explained, flush);
    }

    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    record Call(String name, String token, String path) {
    }

    /**
     * Times every call {@link #CALLS} times after {@link #WARM_UPS} warm-ups, in rounds of one call of each, so that
     * the machine's noise falls on all of them alike. Timed with the JDK's HTTP client (RestAssured adds tens of
     * milliseconds of its own per call).
     */
    private List<Result> measure(List<Call> calls) throws Exception {
        List<java.net.http.HttpRequest> requests = calls.stream().map(c -> java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + INVENTORY + c.path()))
                .header("Authorization", "Bearer " + c.token()).GET().build()).toList();
        double[][] millis = new double[calls.size()][CALLS];
        String[] bodies = new String[calls.size()];
        for (int round = -WARM_UPS; round < CALLS; round++) {
            for (int c = 0; c < calls.size(); c++) {
                long start = System.nanoTime();
                var response = http.send(requests.get(c), java.net.http.HttpResponse.BodyHandlers.ofString());
                if (round >= 0) {
                    millis[c][round] = (System.nanoTime() - start) / 1e6;
                }
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(calls.get(c).name() + ": " + response.statusCode() + " "
                            + response.body());
                }
                bodies[c] = response.body();
            }
        }
        List<Result> results = new ArrayList<>();
        for (int c = 0; c < calls.size(); c++) {
            String path = calls.get(c).path();
            String body = bodies[c];
            var json = io.restassured.path.json.JsonPath.from(path.contains("format=csv") ? "{}" : body);
            int rows = path.contains("format=csv") ? (int) body.lines().count() - 1
                    : path.startsWith("/summary") ? (int) json.getLong("totals.clusters") : json.getList("value").size();
            Arrays.sort(millis[c]);
            results.add(new Result(calls.get(c).name(), millis[c][CALLS / 2],
                    millis[c][Math.min(CALLS - 1, (int) Math.ceil(CALLS * 0.99) - 1)], rows));
        }
        return results;
    }

    /**
     * Heartbeats flowing while the calls are timed: every 100 ms, the flush statement for a tenth of
     * {@link #HEARTBEAT_RATE} clusters picked at random, as the data plane's buffer writes them.
     */
    private final class Heartbeats implements AutoCloseable {

        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        private final long started = System.nanoTime();
        private double rate;

        Heartbeats(List<UUID> clusters) {
            java.util.Random random = new java.util.Random(7);
            int batch = HEARTBEAT_RATE / 10;
            if (batch > 0) {
                timer.scheduleAtFixedRate(() -> {
                    List<UUID> ids = new ArrayList<>(batch);
                    for (int i = 0; i < batch; i++) {
                        ids.add(clusters.get(random.nextInt(clusters.size())));
                    }
                    jdbc.execute(HeartbeatFlushSql.literal(ids.stream().distinct().toList()));
                    written.addAndGet(batch);
                }, 0, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void close() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            rate = written.get() / ((System.nanoTime() - started) / 1e9);
            heartbeatsPerSecond = rate;
        }
    }

    private double heartbeatsPerSecond;
    private long countRowsPerMinute;
    private long countRowsFolded;
    private String loadAtStart;

    /** The machine's load averages (1, 5, 15 minutes) from /proc/loadavg, or "unknown". */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private String explain(String statements) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                String[] parts = statements.split(";\\s*");
                for (int p = 0; p < parts.length - 1; p++) {
                    statement.execute(parts[p]);
                }
                try (var rs = statement.executeQuery(parts[parts.length - 1])) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            connection.rollback();
        }
        return plan.toString();
    }

    /** Rows per second of the heartbeat flush statement (5,000 clusters a batch), with and without the trigger. */
    private double[] flushRates() {
        List<UUID> ids = jdbc.queryForList("select cluster_id from cluster_heartbeats tablesample system (1) limit 5000",
                UUID.class);
        String flush = HeartbeatFlushSql.literal(ids);
        double with = flushRate(flush, ids.size());
        jdbc.execute("alter table cluster_heartbeats disable trigger cluster_inventory_heartbeats_insert");
        jdbc.execute("alter table cluster_heartbeats disable trigger cluster_inventory_heartbeats_update");
        double without = flushRate(flush, ids.size());
        jdbc.execute("alter table cluster_heartbeats enable trigger cluster_inventory_heartbeats_insert");
        jdbc.execute("alter table cluster_heartbeats enable trigger cluster_inventory_heartbeats_update");
        double withAgain = flushRate(flush, ids.size());
        return new double[] {(with + withAgain) / 2, without, ids.size()};
    }

    private double flushRate(String flush, int batch) {
        for (int i = 0; i < 3; i++) {
            jdbc.execute(flush);
        }
        int rounds = 20;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            jdbc.execute(flush);
        }
        return rounds * (double) batch / ((System.nanoTime() - start) / 1e9);
    }

    /** Resource groups, clusters and heartbeats by COPY, in the spreads a real fleet shows. */
    private void seed(List<UUID> subscriptionIds) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder groups = new StringBuilder();
            for (UUID s : subscriptionIds) {
                for (int g = 0; g < GROUPS_PER_SUBSCRIPTION; g++) {
                    groups.append(s).append(",rg-").append(g).append(",rg-").append(g)
                            .append(",eastus,Succeeded,e,2026-01-01T00:00:00Z,bench,User,2026-01-01T00:00:00Z,bench,User\n");
                }
            }
            copy.copyIn("copy resource_groups (subscription_id, name_key, name, location, provisioning_state, etag,"
                    + " created_at, created_by, created_by_type, last_modified_at, last_modified_by,"
                    + " last_modified_by_type) from stdin (format csv)", new StringReader(groups.toString()));
            String key = "MIIBCgKCAQEA" + "x".repeat(348) + "IDAQAB";
            java.util.Random random = new java.util.Random(42);
            Instant now = Instant.now();
            int chunk = 50_000;
            try (var statement = connection.createStatement()) {
                statement.execute("set statement_timeout = 0"); // a bulk load, not a request
                statement.execute("alter table cluster_inventory disable trigger cluster_inventory_counts_insert");
            }
            List<String> heartbeats = new ArrayList<>();
            for (int start = 0; start < CLUSTERS; start += chunk) {
                StringBuilder clusters = new StringBuilder();
                StringBuilder beats = new StringBuilder();
                for (int i = start; i < Math.min(CLUSTERS, start + chunk); i++) {
                    UUID id = new UUID(random.nextLong(), random.nextLong());
                    UUID s = subscriptionIds.get(i % SUBSCRIPTIONS);
                    int g = (i / SUBSCRIPTIONS) % GROUPS_PER_SUBSCRIPTION;
                    String name = "c-" + i;
                    int roll = random.nextInt(100);
                    String tags = roll < 10 ? "{}" : "\"{\"\"env\"\":\"\"" + ENVS[random.nextInt(ENVS.length)]
                            + "\"\",\"\"team\"\":\"\"team-" + random.nextInt(40) + "\"\"}\"";
                    boolean reported = roll >= 5;
                    String kubernetes = reported ? "v1." + (25 + random.nextInt(7)) + "." + random.nextInt(15) : "";
                    String agent = reported ? "1." + (10 + weighted(random)) + "." + random.nextInt(4) : "";
                    int nodes = 1 + random.nextInt(50);
                    Instant expires = roll >= 98 ? now.minusSeconds(3600L * (1 + random.nextInt(200)))
                            : now.plusSeconds(86_400L * (1 + random.nextInt(89)));
                    clusters.append(s).append(",rg-").append(g).append(',').append(name).append(',').append(id)
                            .append(",rg-").append(g).append(',').append(name).append(',')
                            .append(LOCATIONS[random.nextInt(LOCATIONS.length)]).append(',').append(tags)
                            .append(",SystemAssigned,").append(key).append(',')
                            .append(roll % 50 == 7 ? "Failed" : "Succeeded").append(',')
                            .append(DISTRIBUTIONS[random.nextInt(DISTRIBUTIONS.length)]).append(',')
                            .append(INFRASTRUCTURES[random.nextInt(INFRASTRUCTURES.length)]).append(',')
                            .append(kubernetes).append(',').append(reported ? nodes : "").append(',')
                            .append(reported ? nodes * 4 : "").append(',').append(agent).append(',')
                            .append(expires).append(",e,2026-01-01T00:00:00Z,bench,User,2026-01-01T00:00:00Z,bench,User\n");
                    if (reported) {
                        // 88% within the last five minutes, the rest offline for minutes to weeks.
                        long ago = random.nextInt(100) < 88 ? random.nextInt(300) : 900 + random.nextInt(30 * 86_400);
                        beats.append(id).append(',').append(now.minusSeconds(ago)).append('\n');
                    }
                }
                copy.copyIn("copy connected_clusters (subscription_id, resource_group_key, name_key, id,"
                        + " resource_group_name, name, location, tags, identity_type, agent_public_key,"
                        + " provisioning_state, distribution, infrastructure, kubernetes_version, total_node_count,"
                        + " total_core_count, agent_version, managed_identity_certificate_expiration_time, etag,"
                        + " created_at, created_by, created_by_type, last_modified_at, last_modified_by,"
                        + " last_modified_by_type) from stdin (format csv)", new StringReader(clusters.toString()));
                heartbeats.add(beats.toString());
            }
            // ARM creates clusters one at a time; a COPY of 50,000 would run the counting trigger once per row
            // (the inventory's own trigger inserts row by row), so the load counts them once at the end instead.
            try (var statement = connection.createStatement()) {
                statement.execute("select cluster_inventory_counts_rebuild()");
                statement.execute("alter table cluster_inventory enable trigger cluster_inventory_counts_insert");
            }
            for (String beats : heartbeats) {
                copy.copyIn("copy cluster_heartbeats (cluster_id, last_seen) from stdin (format csv)",
                        new StringReader(beats));
            }
        }
    }

    /** Agent minor versions skewed to the newest, as fleets upgrade: 10 (5%), 11 (10%), 12 (20%), 13 (30%), 14 (35%). */
    private static int weighted(java.util.Random random) {
        int r = random.nextInt(100);
        return r < 5 ? 0 : r < 15 ? 1 : r < 35 ? 2 : r < 65 ? 3 : 4;
    }

    private void write(List<Result> results, double seedSeconds, double vacuumSeconds, double gaugeMillis,
            Map<String, String> plans, double[] flush) throws Exception {
        Result floor = results.getFirst();
        StringBuilder out = new StringBuilder("# Inventory at a million clusters\n\n");
        out.append("Generated by `InventoryBenchmark` (`mvn -B -pl service -am verify -Pbenchmark"
                        + " -Dtest=InventoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false`) on ").append(Instant.now())
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(Runtime.version()).append(". Clusters: ").append(String.format("%,d", CLUSTERS))
                .append(" in ").append(SUBSCRIPTIONS).append(" subscriptions; ").append(CALLS)
                .append(" measured calls each after ").append(WARM_UPS).append(" warm-up calls, in rounds of one call of each kind,"
                        + " over HTTP on loopback (client in the same JVM), while heartbeats flowed through the flush"
                        + " statement at ").append(String.format("%,.0f", heartbeatsPerSecond)).append("/s (asked: ")
                .append(String.format("%,d", HEARTBEAT_RATE)).append("/s).\n\n");
        out.append("Machine load averages (1, 5, 15 min; the cores are shared with other work): ").append(loadAtStart)
                .append(" when seeding started, ").append(loadAverage()).append(" when the measurements ended.\n\n");
        out.append(String.format("Seeding by COPY (resource groups, clusters through the inventory trigger, heartbeats):"
                + " %.1f s (%,.0f clusters/s); VACUUM ANALYZE afterwards: %.1f s.%n%n", seedSeconds, CLUSTERS / seedSeconds,
                vacuumSeconds));
        out.append("| call | rows | p50 ms | p99 ms | p50 / floor |\n|---|---:|---:|---:|---:|\n");
        for (Result r : results) {
            out.append(String.format("| %s | %,d | %.1f | %.1f | %.1f |%n", r.name(), r.rows(), r.p50Millis(),
                    r.p99Millis(), r.p50Millis() / floor.p50Millis()));
        }
        Result summary = results.stream().filter(r -> r.name().equals("summary: connectivityStatus x location"))
                .findFirst().orElseThrow();
        Result page = results.stream().filter(r -> r.name().startsWith("first page: westeurope")).findFirst()
                .orElseThrow();
        Result old = results.stream().filter(r -> r.name().startsWith("summary: connectivityStatus x location, old"))
                .findFirst().orElseThrow();
        out.append(String.format("%nTargets: summary by connectivityStatus x location p99 under 100 ms: p50 %.1f ms,"
                        + " p99 %.1f ms (%s; the old query beside it: p50 %.1f ms, p99 %.1f ms); filtered first page"
                        + " p99 under 30 ms: p50 %.1f ms, p99 %.1f ms (%s).%n", summary.p50Millis(), summary.p99Millis(),
                summary.p99Millis() < 100 ? "met" : "NOT met", old.p50Millis(), old.p99Millis(),
                page.p50Millis(), page.p99Millis(), page.p99Millis() < 30 ? "met" : "NOT met"));
        out.append(String.format("%nGauge refresh (both aggregate queries): %.0f ms.%n", gaugeMillis));
        out.append(String.format("%nMaintained counts (cluster_inventory_counts) for %,d clusters: right after seeding"
                        + " %,d rows with a row per minute of last heartbeat (as before V75), %,d once the upkeep folded the"
                        + " minutes that can no longer read Connected; %,d at the end, after the measured calls (the"
                        + " heartbeats meanwhile moved offline clusters into recent minutes).%n", CLUSTERS,
                countRowsPerMinute, countRowsFolded,
                jdbc.queryForObject("select count(*) from cluster_inventory_counts", Long.class)));
        out.append(String.format("%nHeartbeat flush statement, %,.0f clusters a batch: %,.0f rows/s with the inventory"
                        + " triggers (the copy of last_seen and the counts), %,.0f rows/s without (ratio %.2f; the data plane's target is 3,400/s).%n", flush[2],
                flush[0], flush[1], flush[0] / flush[1]));
        out.append("\n## Query plans (EXPLAIN ANALYZE of the SQL the service runs, arguments inlined)\n");
        for (var plan : plans.entrySet()) {
            out.append("\n### ").append(plan.getKey()).append("\n\n```\n").append(plan.getValue()).append("```\n");
        }
        Path file = Path.of("..", "docs", "benchmarks", "inventory.md");
        Files.writeString(file, out);
        System.out.println(out);
    }
}

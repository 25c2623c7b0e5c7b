package dev.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.clusters.ConnectivityPolicy;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Identity expiry and old heartbeats in the fleet counts (migration V75, {@link FleetCountsUpkeep}): in random fleets,
 * through expiries before, at and after the instant asked, renewals, deletes, heartbeats, upkeep runs, replicas whose
 * clocks disagree and time passing with no write at all, the summary from the counts says what a plain count of
 * {@code cluster_inventory} says, to an administrator and to a tenant's owner alike; it reads only the clusters whose
 * identity expired since the upkeep's last run, however many expired before; and a clock behind the old-heartbeat
 * mark is answered by the scan.
 */
class InventoryCountsExpiryTest extends InventoryTestBase {

    private static final String[] LOCATIONS = {"eastus", "westeurope", "uksouth"};
    private static final String BY_STATUS_AND_LOCATION = "groupBy=connectivityStatus,location";

    @Autowired
    FleetCountsUpkeep upkeep;

    @Autowired
    ConnectivityPolicy connectivity;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theSummaryEqualsAPlainCountInRandomFleets() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Tenant t = readyTenant("rg");
        Tenant stranger = readyTenant("rg");
        String admin = admin();
        List<UUID> fleet = new ArrayList<>();
        List<UUID> foreign = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            fleet.add(randomCluster(random, t, "c-" + i));
        }
        for (int i = 0; i < 5; i++) {
            foreign.add(randomCluster(random, stranger, "f-" + i));
        }
        Instant mark = upkeep.run();
        for (int step = 0; step < 25; step++) {
            String did = step(random, t, fleet, mark);
            if (did.equals("upkeep")) {
                mark = upkeep.run();
            } else if (did.equals("upkeep on a replica ahead")) {
                // Another replica whose clock is ahead of this one's: the mark ends up after the instant asked.
                OffsetDateTime ahead = clock.instant().plusSeconds(1 + random.nextInt(600)).atOffset(ZoneOffset.UTC);
                mark = jdbc.queryForObject("select cluster_inventory_counts_advance(?, interval '20 minutes')",
                        OffsetDateTime.class, ahead).toInstant();
            }
            String as = "seed " + seed + ", step " + step + " after " + did;
            JsonPath counted = summary(admin, "subscriptionId=" + t.subscriptionId() + "&" + BY_STATUS_AND_LOCATION);
            assertThat(groups(counted)).as(as).isEqualTo(plainCount(t, counted));
            JsonPath owned = summary(t.owner(), BY_STATUS_AND_LOCATION);
            assertThat(groups(owned)).as("the owner's, " + as).isEqualTo(plainCount(t, owned));
            if (random.nextInt(4) == 0) {
                heartbeat(foreign.get(random.nextInt(foreign.size())), clock.instant());
                identityExpires(foreign.get(random.nextInt(foreign.size())), clock.instant().plusSeconds(30));
            }
        }
    }

    @Test
    void theSummaryReadsOnlyTheClustersThatExpiredSinceTheJobsLastRun() {
        Tenant t = readyTenant("rg");
        Instant now = clock.instant();
        for (int i = 0; i < 20; i++) {
            UUID id = insert(t, "rg", "old-" + i, "eastus");
            heartbeat(id, now.minusSeconds(30));
            identityExpires(id, now.minus(Duration.ofDays(1 + i)));
        }
        UUID soon = insert(t, "rg", "soon", "eastus");
        identityExpires(soon, now.plus(Duration.ofMinutes(5)));
        upkeep.run();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            // As a writer does: the scheduled job cannot move the mark while the time passes and the counts are read.
            jdbc.execute("lock table cluster_inventory_count_marks in row share mode");
            clock.advance(Duration.ofMinutes(10));
            Fleet.Instants at = new Fleet.Instants(clock.instant().truncatedTo(ChronoUnit.MINUTES), connectivity);
            List<Object> args = new ArrayList<>(List.of(FleetCounts.relationArgs(at)));
            args.add(t.subscriptionId());
            assertThat(jdbc.queryForObject("select count(*) from " + FleetCounts.RELATION
                    + " where i.clusters < 0 and i.subscription_id = ?", Long.class, args.toArray()))
                    .as("corrections read: only the cluster that expired after the job ran").isEqualTo(1);
        });
        JsonPath counted = summary(admin(), "subscriptionId=" + t.subscriptionId() + "&" + BY_STATUS_AND_LOCATION);
        assertThat(groups(counted)).isEqualTo(Map.of("Expired/eastus", "21/0/0"));
    }

    @Test
    void aClockBehindTheOldHeartbeatMarkIsAnsweredByAScan() {
        Tenant t = readyTenant("rg");
        heartbeat(insert(t, "rg", "recent", "eastus"), clock.instant().minusSeconds(30));
        heartbeat(insert(t, "rg", "old", "eastus"), clock.instant().minus(Duration.ofDays(1)));
        upkeep.run();
        try {
            // As if this replica's clock were an hour behind the database's.
            jdbc.queryForObject("select cluster_inventory_counts_advance(now(), interval '-1 hour')",
                    OffsetDateTime.class);
            JsonPath answered = summary(admin(), "subscriptionId=" + t.subscriptionId() + "&" + BY_STATUS_AND_LOCATION);
            assertThat(OffsetDateTime.parse(answered.getString("asOf")).getNano()).as("answered by the scan, at the"
                    + " request's own instant").isNotZero();
            assertThat(groups(answered)).isEqualTo(Map.of("Connected/eastus", "1/0/0", "Offline/eastus", "1/0/0"));
        } finally {
            new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                jdbc.update("update cluster_inventory_count_marks set old_before = now() - interval '1 day'");
                jdbc.execute("select cluster_inventory_counts_rebuild()");
            });
        }
        JsonPath counted = summary(admin(), "subscriptionId=" + t.subscriptionId() + "&" + BY_STATUS_AND_LOCATION);
        assertThat(OffsetDateTime.parse(counted.getString("asOf")).getNano()).isZero();
        assertThat(groups(counted)).isEqualTo(Map.of("Connected/eastus", "1/0/0", "Offline/eastus", "1/0/0"));
    }

    /** A cluster with a random heartbeat (or none), report (or none) and identity expiry (or none) around now. */
    private UUID randomCluster(Random random, Tenant t, String name) {
        UUID id = insert(t, "rg", name, LOCATIONS[random.nextInt(LOCATIONS.length)]);
        if (random.nextInt(5) > 0) {
            report(id, "1.14.0", "1.28.1", 1 + random.nextInt(9));
        }
        if (random.nextInt(6) > 0) {
            heartbeat(id, randomSeen(random));
        }
        if (random.nextInt(6) > 0) {
            identityExpires(id, randomExpiry(random));
        }
        return id;
    }

    /** One random change to the fleet (or to time); answers what it did. */
    private String step(Random random, Tenant t, List<UUID> fleet, Instant mark) {
        UUID some = fleet.get(random.nextInt(fleet.size()));
        switch (random.nextInt(9)) {
            case 0 -> {
                identityExpires(some, clock.instant().plus(Duration.ofDays(30 + random.nextInt(60))));
                return "renewal";
            }
            case 1 -> {
                identityExpires(some, random.nextBoolean() ? mark : randomExpiry(random));
                return "expiry moved (to the mark or around now)";
            }
            case 2 -> {
                heartbeat(some, randomSeen(random));
                return "heartbeat";
            }
            case 3 -> {
                if (fleet.size() > 5) {
                    jdbc.update("delete from connected_clusters where id = ?", some);
                    fleet.remove(some);
                    return "delete";
                }
                fleet.add(randomCluster(random, t, "n-" + UUID.randomUUID()));
                return "insert";
            }
            case 4 -> {
                fleet.add(randomCluster(random, t, "n-" + UUID.randomUUID()));
                return "insert";
            }
            case 5 -> {
                return "upkeep";
            }
            case 6 -> {
                return "upkeep on a replica ahead";
            }
            default -> {
                Duration passing = random.nextInt(4) == 0 ? Duration.ofHours(1 + random.nextInt(48))
                        : Duration.ofSeconds(random.nextInt(900));
                clock.advance(passing);
                return "time passing " + passing;
            }
        }
    }

    /** Within the Connected window, around its edge, long ago. */
    private Instant randomSeen(Random random) {
        Instant now = clock.instant();
        return switch (random.nextInt(3)) {
            case 0 -> now.minusSeconds(random.nextInt(300));
            case 1 -> now.minusSeconds(840 + random.nextInt(120));
            default -> now.minus(Duration.ofHours(1 + random.nextInt(200)));
        };
    }

    /** Long expired, just expired, exactly at the minute a summary answers at, soon, much later. */
    private Instant randomExpiry(Random random) {
        Instant now = clock.instant();
        return switch (random.nextInt(5)) {
            case 0 -> now.minus(Duration.ofDays(1 + random.nextInt(30)));
            case 1 -> now.minusSeconds(1 + random.nextInt(600));
            case 2 -> now.truncatedTo(ChronoUnit.MINUTES);
            case 3 -> now.plusSeconds(1 + random.nextInt(3600));
            default -> now.plus(Duration.ofDays(1 + random.nextInt(60)));
        };
    }

    private JsonPath summary(String token, String query) {
        return as(token).get(INVENTORY + "/summary?" + query).then().statusCode(200).extract().jsonPath();
    }

    /** "status/location" to "clusters/nodes/cores", from the summary's groups. */
    private static Map<String, String> groups(JsonPath summary) {
        Map<String, String> groups = new TreeMap<>();
        for (Map<String, Object> g : summary.<Map<String, Object>>getList("groups")) {
            @SuppressWarnings("unchecked")
            Map<String, String> keys = (Map<String, String>) g.get("keys");
            groups.put(keys.get("connectivityStatus") + "/" + keys.get("location"),
                    g.get("clusters") + "/" + g.get("nodes") + "/" + g.get("cores"));
        }
        return groups;
    }

    /** The same groups counted cluster by cluster from cluster_inventory, by the policy's Java rule at asOf. */
    private Map<String, String> plainCount(Tenant t, JsonPath summary) {
        Instant asOf = OffsetDateTime.parse(summary.getString("asOf")).toInstant();
        Map<String, long[]> counts = new TreeMap<>();
        jdbc.query("select location, last_seen, identity_expires_at, total_node_count, total_core_count"
                + " from cluster_inventory where subscription_id = ?", rs -> {
                    OffsetDateTime seen = rs.getObject(2, OffsetDateTime.class);
                    OffsetDateTime expires = rs.getObject(3, OffsetDateTime.class);
                    String status = connectivity.status(seen == null ? null : seen.toInstant(),
                            expires == null ? null : expires.toInstant(), asOf);
                    long[] c = counts.computeIfAbsent(status + "/" + rs.getString(1), k -> new long[3]);
                    c[0]++;
                    c[1] += rs.getInt(4);
                    c[2] += rs.getInt(5);
                }, t.subscriptionId());
        Map<String, String> groups = new TreeMap<>();
        counts.forEach((k, c) -> groups.put(k, c[0] + "/" + c[1] + "/" + c[2]));
        return groups;
    }
}

package dev.mooring.inventory;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.access.BuiltInRoles;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The maintained fleet counts (cluster_inventory_counts): kept in step with the inventory by every kind of write,
 * and a summary answered from them says what a scan of the inventory says, to the same callers.
 */
class InventoryCountsTest extends InventoryTestBase {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    @Autowired
    FleetCountsUpkeep upkeep;

    /** Every provisioning state: a filter that changes nothing but makes the summary scan the inventory. */
    private static final String SCAN = "&provisioningState=" + String.join(",", Filters.PROVISIONING_STATES);

    @Test
    void countsFollowInsertsHeartbeatsReportsExpiriesAndDeletes() {
        Tenant t = readyTenant("rg");
        Instant now = clock.instant();
        UUID a = insert(t, "rg", "a", "westeurope");
        UUID b = insert(t, "rg", "b", "westeurope");
        UUID c = insert(t, "rg", "c", "eastus");
        UUID d = insert(t, "rg", "d", "eastus");
        assertCountsMatchInventory(t);

        report(a, "1.14.0", "1.28.1", 3);
        report(b, "1.14.0", "1.28.1", 2);
        heartbeat(a, now.minusSeconds(20));
        heartbeat(b, now.minus(Duration.ofDays(1)));
        heartbeat(c, now.minusSeconds(200));
        assertCountsMatchInventory(t);

        heartbeat(a, now.minusSeconds(5));
        heartbeat(b, now.minusSeconds(30));
        report(b, "1.14.0", "1.28.1", 7);
        identityExpires(c, now.minus(Duration.ofHours(1)));
        identityExpires(a, now.plusSeconds(90));
        jdbc.update("update connected_clusters set location = 'uksouth' where id = ?", d);
        assertCountsMatchInventory(t);

        heartbeat(d, now.minus(Duration.ofDays(2)));
        clock.advance(Duration.ofMinutes(5));
        upkeep.run();
        assertCountsMatchInventory(t);
        identityExpires(a, now.plus(Duration.ofDays(30)));
        assertCountsMatchInventory(t);
        assertThat(jdbc.queryForObject("select count(*) from cluster_inventory_counts where subscription_id = ?"
                + " and seen_bucket = '-infinity' and not expired", Long.class, t.subscriptionId()))
                .as("d's heartbeat two days ago counts in its location's one old row").isOne();
        try {
            // A longer Connected window than ever before: the old mark goes back and everything is counted again.
            jdbc.queryForObject("select cluster_inventory_counts_advance(now(), interval '2 days')",
                    OffsetDateTime.class);
            assertCountsMatchInventory(t);
            assertThat(jdbc.queryForObject("select count(*) from cluster_inventory_counts where subscription_id = ?"
                    + " and seen_bucket = '-infinity' and not expired", Long.class, t.subscriptionId())).isZero();
        } finally {
            jdbc.update("update cluster_inventory_count_marks set old_lag = null");
        }
        upkeep.run();
        assertCountsMatchInventory(t);

        jdbc.update("delete from connected_clusters where id = ?", b);
        assertCountsMatchInventory(t);
        assertThat(jdbc.queryForObject("select count(*) from cluster_inventory_counts where subscription_id = ? and"
                + " clusters = 0", Long.class, t.subscriptionId())).as("rows that reached zero are dropped").isZero();
    }

    @Test
    void theSummaryFromTheCountsSaysWhatAScanSays() {
        Tenant t = readyTenant("rg", "other");
        Instant now = clock.instant();
        UUID connected = insert(t, "rg", "connected", "westeurope");
        UUID offline = insert(t, "rg", "offline", "westeurope");
        UUID expired = insert(t, "rg", "expired", "eastus");
        UUID expiredOffline = insert(t, "other", "expired-offline", "eastus");
        insert(t, "other", "connecting", "eastus");
        report(connected, "1.14.0", "1.28.1", 3);
        report(expired, "1.14.0", "1.28.1", 5);
        heartbeat(connected, now.minusSeconds(90));
        heartbeat(offline, now.minus(Duration.ofMinutes(40)));
        heartbeat(expired, now.minusSeconds(30));
        heartbeat(expiredOffline, now.minus(Duration.ofDays(2)));
        identityExpires(expired, now.minus(Duration.ofHours(2)));
        identityExpires(expiredOffline, now.minus(Duration.ofDays(1)));
        identityExpires(connected, now.plus(Duration.ofDays(30)));
        Tenant stranger = readyTenant("rg");
        heartbeat(insert(stranger, "rg", "foreign", "westeurope"), now);

        String admin = admin();
        String mine = "subscriptionId=" + t.subscriptionId();
        for (String query : List.of(mine + "&groupBy=connectivityStatus,location", mine + "&groupBy=connectivityStatus",
                mine + "&groupBy=location", mine, mine + "&connectivityStatus=Expired,Offline&groupBy=location",
                mine + "&location=eastus&groupBy=connectivityStatus,subscriptionId")) {
            JsonPath counted = summary(admin, query);
            assertThat(OffsetDateTime.parse(counted.getString("asOf")).getSecond()).as("answered from the counts at"
                    + " a whole minute: " + query).isZero();
            assertThat(groupsAndTotals(counted)).as(query).isEqualTo(groupsAndTotals(summary(admin, query + SCAN)));
        }
        assertThat(groupsAndTotals(summary(admin, mine + "&groupBy=connectivityStatus"))).isEqualTo(Map.of(
                "totals", "5/8", "groups", List.of(Map.of("keys", Map.of("connectivityStatus", "Expired"), "clusters", 2,
                        "nodes", 5, "cores", 20), Map.of("keys", Map.of("connectivityStatus", "Connected"), "clusters", 1,
                        "nodes", 3, "cores", 12), Map.of("keys", Map.of("connectivityStatus", "Connecting"),
                        "clusters", 1, "nodes", 0, "cores", 0), Map.of("keys", Map.of("connectivityStatus", "Offline"),
                        "clusters", 1, "nodes", 0, "cores", 0))));

        // Callers see through the counts exactly what they see through a scan: their own subscriptions only, and
        // a reader of one resource group is answered by the scan (the counts hold no resource groups).
        assertThat(summary(t.owner(), "groupBy=location").getLong("totals.clusters")).isEqualTo(5);
        assertThat(summary(stranger.owner(), "groupBy=location").getLong("totals.clusters")).isEqualTo(1);
        UUID groupReader = UUID.randomUUID();
        grant(t, "/resourceGroups/other", BuiltInRoles.READER, groupReader);
        JsonPath byGroup = summary(t.user(groupReader), "groupBy=connectivityStatus");
        assertThat(byGroup.getLong("totals.clusters")).isEqualTo(2);
        assertThat(groupsAndTotals(byGroup)).isEqualTo(groupsAndTotals(summary(t.user(groupReader),
                "groupBy=connectivityStatus" + SCAN)));
    }

    @Test
    void aWriterAndTheUpkeepNeverCountAClusterTwice() throws Exception {
        Tenant t = readyTenant("rg");
        UUID renewed = insert(t, "rg", "renewed", "eastus");
        heartbeat(renewed, clock.instant());
        // Marks ahead of every clock here, so that only this test moves them.
        OffsetDateTime mark = jdbc.queryForObject("select greatest(expired_before, ?) + interval '1 hour' from"
                + " cluster_inventory_count_marks", OffsetDateTime.class, clock.instant().atOffset(ZoneOffset.UTC));
        advance(mark);
        identityExpires(renewed, mark.plusMinutes(1).toInstant());
        assertCountsMatchInventory(t);

        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            try (var renewal = writer.prepareStatement("update connected_clusters set"
                    + " managed_identity_certificate_expiration_time = ? where id = ?")) {
                renewal.setObject(1, mark.plusDays(90));
                renewal.setObject(2, renewed);
                renewal.executeUpdate();
            }
            // The upkeep, moving the mark past the renewed cluster's old expiry while the renewal is uncommitted,
            // waits for it: otherwise it would move the old version to Expired and the renewal take it out again.
            CompletableFuture<OffsetDateTime> upkeepRun =
                    CompletableFuture.supplyAsync(() -> advance(mark.plusMinutes(2)));
            eventually(() -> assertThat(upkeepRun.isDone() || jdbc.queryForObject("select count(*) from"
                    + " pg_stat_activity where wait_event_type = 'Lock'"
                    + " and query like '%cluster_inventory_counts_advance%'", Long.class) > 0)
                    .as("the upkeep finished or waits for the writer").isTrue());
            writer.commit();
            upkeepRun.get(20, TimeUnit.SECONDS);
        }
        assertCountsMatchInventory(t);
    }

    private OffsetDateTime advance(OffsetDateTime expiredUpto) {
        return jdbc.queryForObject("select cluster_inventory_counts_advance(?, interval '20 minutes')",
                OffsetDateTime.class, expiredUpto);
    }

    private JsonPath summary(String token, String query) {
        return as(token).get(INVENTORY + "/summary?" + query).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> groupsAndTotals(JsonPath summary) {
        List<Object> groups = summary.getList("groups");
        return groups == null ? Map.of("totals", summary.getLong("totals.clusters") + "/" + summary.getLong("totals.nodes"))
                : Map.of("totals", summary.getLong("totals.clusters") + "/" + summary.getLong("totals.nodes"),
                        "groups", groups);
    }

    private void assertCountsMatchInventory(Tenant t) {
        String counts = "select location, seen_bucket, expired, clusters, nodes, cores from cluster_inventory_counts"
                + " where subscription_id = ? order by 1, 2, 3";
        // Expired clusters in one row, heartbeat minutes before the old mark in one row, the others by minute.
        String recount = "select location, case when expired or mooring_seen_bucket(last_seen) <= m.old_before"
                + " then '-infinity' else mooring_seen_bucket(last_seen) end as seen_bucket, expired,"
                + " count(*) as clusters, coalesce(sum(total_node_count), 0) as nodes, coalesce(sum(total_core_count), 0) as cores"
                + " from (select i.*, coalesce(i.identity_expires_at < m.expired_before, false) as expired"
                + " from cluster_inventory i, cluster_inventory_count_marks m where subscription_id = ?) x,"
                + " cluster_inventory_count_marks m group by 1, 2, 3 order by 1, 2, 3";
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            // Holds off the expiry job, which would move the mark between the two reads.
            jdbc.execute("lock table cluster_inventory_count_marks in row share mode");
            assertThat(jdbc.queryForList(counts, t.subscriptionId())).isNotEmpty()
                    .isEqualTo(jdbc.queryForList(recount, t.subscriptionId()));
        });
    }
}

package dev.mooring.inventory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fleet gauges for Prometheus: {@code mooring_inventory_clusters{connectivity_status, location}} and
 * {@code mooring_inventory_agents{version}}. A scrape reads the last counts; the counts are refreshed on a
 * schedule ({@code mooring.inventory.metrics-refresh-interval}), one aggregate query each, never per scrape; the
 * clusters' from the maintained counts ({@link FleetCounts}) where they apply.
 */
@Component
class InventoryMetrics {

    private static final Logger log = LoggerFactory.getLogger(InventoryMetrics.class);

    static final int MAX_AGENT_VERSIONS = 100;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ClusterInventory inventory;
    private final FleetCounts counts;
    private final MultiGauge clusters;
    private final MultiGauge agents;

    InventoryMetrics(JdbcTemplate jdbc, ClusterInventory inventory, FleetCounts counts, MeterRegistry registry,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setReadOnly(true);
        this.inventory = inventory;
        this.counts = counts;
        this.clusters = MultiGauge.builder("mooring.inventory.clusters")
                .description("Connected clusters by connectivity status and location").register(registry);
        this.agents = MultiGauge.builder("mooring.inventory.agents")
                .description("Cluster agents by reported version (unknown: not reported yet)").register(registry);
    }

    @Scheduled(fixedDelayString = "${mooring.inventory.metrics-refresh-interval:60s}", initialDelayString = "5s")
    void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Inventory gauges not refreshed: {}", e.toString());
        }
    }

    /** Re-counts the fleet and replaces both gauges' rows (series that disappeared are dropped). */
    void refresh() {
        transactions.executeWithoutResult(status -> count());
    }

    private void count() {
        ClusterInventory.fleetScan(jdbc);
        List<MultiGauge.Row<?>> clusterRows = new ArrayList<>();
        String byStatusAndLocation;
        List<Object> args = new ArrayList<>();
        Fleet.Instants at = counts.at(inventory.now().instant());
        if (counts.exact() && counts.current(at)) {
            args.addAll(List.of(at.statusArgs()));
            args.addAll(List.of(FleetCounts.relationArgs(at)));
            byStatusAndLocation = "select i.location, " + Fleet.STATUS + " as status, sum(i.clusters) from "
                    + FleetCounts.RELATION + " group by 1, 2 having sum(i.clusters) <> 0";
        } else {
            args.addAll(List.of(inventory.now().statusArgs()));
            byStatusAndLocation = "select i.location, " + Fleet.STATUS + " as status, count(*) from cluster_inventory i"
                    + " group by 1, 2";
        }
        jdbc.query(byStatusAndLocation, rs -> {
            clusterRows.add(MultiGauge.Row.of(Tags.of("connectivity_status", rs.getString(2), "location",
                    rs.getString(1)), rs.getLong(3)));
        }, args.toArray());
        List<MultiGauge.Row<?>> agentRows = new ArrayList<>();
        // Versions are what agents report: the most common ones only, so a misbehaving agent cannot flood Prometheus.
        jdbc.query("select coalesce(i.agent_version, 'unknown'), count(*) from cluster_inventory i group by 1"
                        + " order by 2 desc, 1 limit " + MAX_AGENT_VERSIONS,
                rs -> {
                    agentRows.add(MultiGauge.Row.of(Tags.of("version", rs.getString(1)), rs.getLong(2)));
                });
        clusters.register(clusterRows, true);
        agents.register(agentRows, true);
    }
}

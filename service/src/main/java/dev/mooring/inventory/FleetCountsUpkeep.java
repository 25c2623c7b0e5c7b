package dev.mooring.inventory;

import dev.mooring.clusters.ConnectivityPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the time-dependent part of the fleet counts ({@link FleetCounts}, migration V75) current, every
 * {@code mooring.inventory.counts-upkeep-interval}: moves the expiry mark to now, and the clusters whose identity
 * expired since the last run into their expired rows (one small range of the expiry index); and folds the count rows
 * of heartbeat minutes that can no longer read Connected into one old row per subscription and location. Between
 * runs the summary corrects for the few new expiries itself, so a late or failed run costs time, never exactness.
 * Replicas may all run it: the marks only move forward, under a lock.
 */
@Component
class FleetCountsUpkeep {

    private static final Logger log = LoggerFactory.getLogger(FleetCountsUpkeep.class);
    /** How far the old-heartbeat mark stays behind the Connected window's edge, for replicas' clocks. */
    static final Duration OLD_MARGIN = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ConnectivityPolicy connectivity;
    private final Clock clock;

    FleetCountsUpkeep(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ConnectivityPolicy connectivity,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.connectivity = connectivity;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${mooring.inventory.counts-upkeep-interval:60s}", initialDelayString = "5s")
    void scheduledRun() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("Inventory counts not brought up to date: {}", e.toString());
        }
    }

    /**
     * Moves the expiry mark to now and the old-heartbeat mark to the database's clock less the Connected window and
     * {@link #OLD_MARGIN} (the database's clock: the same for every replica); answers the expiry mark afterwards.
     */
    Instant run() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        long lagSeconds = connectivity.connectedWithin().plus(OLD_MARGIN).toSeconds();
        return transactions.execute(status -> jdbc.queryForObject("select cluster_inventory_counts_advance(?,"
                + " ? * interval '1 second')", OffsetDateTime.class, now, lagSeconds)).toInstant();
    }
}

package dev.mooring.inventory;

import java.time.Clock;
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
 * Keeps identity expiry in the fleet counts ({@link FleetCounts}): every
 * {@code mooring.inventory.expiry-count-interval} it moves the counts' expiry mark to now, and the clusters whose
 * identity expired since its last run into their expired rows (one small range of the expiry index). Between runs
 * the summary corrects for those few itself, so a late or failed run costs time, never exactness. Replicas may all
 * run it: the mark only moves forward, under a lock.
 */
@Component
class CountedExpiry {

    private static final Logger log = LoggerFactory.getLogger(CountedExpiry.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CountedExpiry(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${mooring.inventory.expiry-count-interval:60s}", initialDelayString = "5s")
    void scheduledRun() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("Expired identities not moved in the inventory counts: {}", e.toString());
        }
    }

    /** Moves the mark to now (never back); answers the mark afterwards. */
    Instant run() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        return transactions.execute(status -> jdbc.queryForObject("select cluster_inventory_counts_expire(?)",
                OffsetDateTime.class, now)).toInstant();
    }
}

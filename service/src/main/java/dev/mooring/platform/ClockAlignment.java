package dev.mooring.platform;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Measures how far the database's clock is from this replica's, at start and every minute, and sets
 * {@link DatabaseAlignedClock} to it. Warns when they differ by more than {@code mooring.database.clock-skew-warning}
 * (the replica's clock needs fixing: NTP), since local logs then carry times the database does not.
 */
@Component
class ClockAlignment {

    private static final Logger log = LoggerFactory.getLogger(ClockAlignment.class);

    private final DatabaseAlignedClock clock;
    private final JdbcTemplate jdbc;
    private final DatabaseProperties properties;

    ClockAlignment(DatabaseAlignedClock clock, JdbcTemplate jdbc, DatabaseProperties properties) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        measure();
    }

    @Scheduled(fixedDelayString = "${mooring.database.clock-alignment-interval:60s}", initialDelayString = "60s")
    void measure() {
        try {
            Instant sent = clock.localInstant();
            Timestamp database = jdbc.queryForObject("select clock_timestamp()", Timestamp.class);
            Instant received = clock.localInstant();
            Instant localMidpoint = sent.plus(Duration.between(sent, received).dividedBy(2));
            Duration offset = Duration.between(localMidpoint, database.toInstant());
            clock.align(offset);
            if (offset.abs().compareTo(properties.clockSkewWarning()) > 0) {
                log.warn("This replica's clock is {} ms {} the database's; Mooring uses the database's time, but fix the"
                        + " replica's clock (NTP)", offset.abs().toMillis(), offset.isNegative() ? "ahead of" : "behind");
            }
        } catch (RuntimeException e) {
            log.warn("Could not compare this replica's clock with the database's; keeping the last offset ({} ms)",
                    clock.offset().toMillis(), e);
        }
    }
}

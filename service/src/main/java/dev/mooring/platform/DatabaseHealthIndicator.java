package dev.mooring.platform;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * "database" in the readiness group: UP when PostgreSQL answers, OUT_OF_SERVICE when it does not (within the pool's
 * connection timeout, 2 s), so that a load balancer drains the replica until it answers again. Liveness leaves
 * it out: the replica recovers by itself once the database is back.
 */
@Component("database")
class DatabaseHealthIndicator implements HealthIndicator {

    private final JdbcTemplate jdbc;

    DatabaseHealthIndicator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Health health() {
        try {
            jdbc.queryForObject("select 1", Integer.class);
            return Health.up().build();
        } catch (RuntimeException e) {
            return Health.outOfService().withException(e).build();
        }
    }
}

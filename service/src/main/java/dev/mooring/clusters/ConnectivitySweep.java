package dev.mooring.clusters;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records connectivity transitions (Connecting → Connected → Offline, Expired) as cluster events for
 * operators: one sweep query over all clusters, not a timer per cluster. Reads never depend on it; the
 * status itself is always derived ({@link ConnectivityPolicy}).
 */
@Component
class ConnectivitySweep {

    private static final Logger log = LoggerFactory.getLogger(ConnectivitySweep.class);

    /*
     * One statement derives every cluster's status, stores the ones that changed and records a ConnectivityChanged
     * event for each. The status expression comes from the policy (two bind parameters).
     */
    private static final String SWEEP = """
            with derived as (
              select c.id, %s as status
                from connected_clusters c left join cluster_heartbeats h on h.cluster_id = c.id),
            previous as (select cluster_id, status from cluster_connectivity),
            changed as (
              insert into cluster_connectivity as cc (cluster_id, status, since)
              select id, status, ? from derived
              on conflict (cluster_id) do update set status = excluded.status, since = excluded.since
               where cc.status <> excluded.status
              returning cluster_id, status)
            insert into cluster_events (cluster_id, at, kind, details)
            select ch.cluster_id, ?, 'ConnectivityChanged',
                   jsonb_build_object('from', coalesce(p.status, 'Connecting'), 'to', ch.status)
              from changed ch left join previous p on p.cluster_id = ch.cluster_id
             where p.status is not null or ch.status <> 'Connecting'""".formatted(
            ConnectivityPolicy.statusSql("h.last_seen", "c.managed_identity_certificate_expiration_time"));

    private final JdbcTemplate jdbc;
    private final ConnectivityPolicy connectivity;
    private final Clock clock;

    ConnectivitySweep(JdbcTemplate jdbc, ConnectivityPolicy connectivity, Clock clock) {
        this.jdbc = jdbc;
        this.connectivity = connectivity;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${mooring.connectivity.sweep-interval:30s}", initialDelayString = "10s")
    @Transactional
    public int sweep() {
        Instant now = clock.instant();
        Object[] status = connectivity.statusSqlArgs(now);
        java.time.OffsetDateTime at = now.atOffset(java.time.ZoneOffset.UTC);
        int transitions = jdbc.update(SWEEP, status[0], status[1], at, at);
        if (transitions > 0) {
            log.debug("Connectivity sweep recorded {} transition(s)", transitions);
        }
        return transitions;
    }
}

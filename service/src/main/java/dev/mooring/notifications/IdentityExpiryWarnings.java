package dev.mooring.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Warns before a cluster turns Expired: once per agent identity certificate, when it expires within
 * {@code identity-expiry-warning}, an IdentityExpiringSoon event goes on the cluster's timeline (and from there,
 * through V60's trigger, to subscribers). One statement over all clusters.
 */
@Component
class IdentityExpiryWarnings {

    private static final String SQL = """
            insert into cluster_events (cluster_id, at, kind, details)
            select c.id, ?, 'IdentityExpiringSoon',
                   jsonb_build_object('expiresAt', c.managed_identity_certificate_expiration_time)
              from connected_clusters c
             where c.managed_identity_certificate_expiration_time > ?
               and c.managed_identity_certificate_expiration_time <= ?
               and not exists (select 1 from cluster_events e
                                where e.cluster_id = c.id and e.kind = 'IdentityExpiringSoon'
                                  and e.details = jsonb_build_object('expiresAt',
                                                      c.managed_identity_certificate_expiration_time))""";

    private final JdbcTemplate jdbc;
    private final NotificationsProperties properties;
    private final Clock clock;

    IdentityExpiryWarnings(JdbcTemplate jdbc, NotificationsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    @Transactional
    public int warn() {
        Instant now = clock.instant();
        return jdbc.update(SQL, Timestamp.from(now), Timestamp.from(now),
                Timestamp.from(now.plus(properties.identityExpiryWarning())));
    }
}

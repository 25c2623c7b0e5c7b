package dev.mooring.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves due facts from the outbox to the delivery queue of every event subscription they match, as CloudEvents:
 * one statement per chunk that takes the facts in outbox order and removes them. A debounced fact is due once the
 * debounce window after its first change has passed.
 *
 * <p>One replica fans out at a time (a transaction-scoped advisory lock; the others skip their turn): two fanning
 * out at once would each take a part of the due facts and could commit them in the other order, queueing later
 * events ahead of earlier ones for the same destination. Fan-out is one statement per 2,000 facts; delivery,
 * the slow part, stays parallel.
 */
@Component
class FanOut {

    static final int CHUNK = 2000;

    /** The advisory lock key of fan-out ("fan-out" in ASCII). */
    static final long FAN_OUT_LOCK = 0x66616e2d6f7574L;

    private static final String SQL = """
            with due as (
              delete from notification_events where id in (
                select id from notification_events
                 where first_at <= ? and (debounce_key is null or first_at <= ?)
                 order by id limit ? for update skip locked)
              returning *),
            queued as (
              insert into notification_deliveries (event_subscription_id, event, expires_at)
              select s.id, jsonb_build_object('specversion', '1.0', 'id', d.event_id,
                       'source', '/subscriptions/' || d.subscription_id, 'type', d.type, 'subject', d.subject,
                       'time', d.time, 'datacontenttype', 'application/json', 'data', d.data),
                     cast(? as timestamptz) + make_interval(mins => s.event_ttl_minutes)
                from due d join event_subscriptions s on s.subscription_id = d.subscription_id
               where (d.subject_key = s.scope_key or starts_with(d.subject_key, s.scope_key || '/'))
                 and s.provisioning_state = 'Succeeded'
                 and (s.included_event_types is null or d.type = any (s.included_event_types))
                 and starts_with(d.subject_key, lower(s.subject_begins_with))
                 and right(d.subject_key, length(s.subject_ends_with)) = lower(s.subject_ends_with)
               order by d.id, s.id
              returning 1)
            select (select count(*) from due), (select count(*) from queued)""";

    /** What one chunk did: facts taken from the outbox and deliveries queued from them. */
    record Result(long events, long deliveries) {
    }

    private final JdbcTemplate jdbc;
    private final NotificationsProperties properties;
    private final Clock clock;

    FanOut(JdbcTemplate jdbc, NotificationsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public Result chunk() {
        if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, FAN_OUT_LOCK))) {
            return new Result(0, 0); // another replica is fanning out now
        }
        Instant now = clock.instant();
        return jdbc.queryForObject(SQL, (rs, i) -> new Result(rs.getLong(1), rs.getLong(2)), Timestamp.from(now),
                Timestamp.from(now.minus(properties.debounceWindow())), CHUNK, Timestamp.from(now));
    }
}

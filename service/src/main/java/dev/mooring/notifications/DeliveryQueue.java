package dev.mooring.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The delivery queue and the destinations' delivery state. A destination is worked by one replica at a time: a
 * worker claims it with {@code FOR UPDATE SKIP LOCKED} and a lease (no transaction stays open while a webhook
 * answers), delivers its oldest events in order, and gives it back with its outcome.
 */
@Repository
class DeliveryQueue {

    /** A claimed destination with what delivering to it needs. */
    record Claim(UUID id, int maxDeliveryAttempts, int maxEventsPerBatch, boolean deadLetter, int consecutiveFailures) {
    }

    /** A queued event: its CloudEvent JSON and how often it was tried. */
    record Queued(long id, String event, int attempts, Instant expiresAt) {
    }

    private final JdbcTemplate jdbc;

    DeliveryQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Claim> claim(Instant now, Instant leaseUntil, int limit) {
        return jdbc.query("""
                update event_subscriptions set lease_until = ? where id in (
                  select e.id from event_subscriptions e
                   where e.provisioning_state = 'Succeeded'
                     and (e.lease_until is null or e.lease_until < ?)
                     and (e.next_delivery_at is null or e.next_delivery_at <= ?)
                     and exists (select 1 from notification_deliveries d
                                  where d.event_subscription_id = e.id and d.dead_lettered_at is null)
                   limit ? for update skip locked)
                returning id, max_delivery_attempts, max_events_per_batch, dead_letter, consecutive_failures""",
                (rs, i) -> new Claim(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3), rs.getBoolean(4),
                        rs.getInt(5)),
                Timestamp.from(leaseUntil), Timestamp.from(now), Timestamp.from(now), limit);
    }

    List<Queued> next(UUID subscription, int limit) {
        return jdbc.query("select id, event::text, attempts, expires_at from notification_deliveries"
                + " where event_subscription_id = ? and dead_lettered_at is null order by id limit ?",
                (rs, i) -> new Queued(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant()),
                subscription, limit);
    }

    /** The events arrived: they leave the queue; the lease is renewed for the next batch. */
    void delivered(UUID subscription, List<Long> ids, Instant now, Instant leaseUntil) {
        jdbc.update("delete from notification_deliveries where id = any (?)", (Object) ids.toArray(Long[]::new));
        jdbc.update("update event_subscriptions set last_success_at = ?, delivered_count = delivered_count + ?,"
                + " consecutive_failures = 0, lease_until = ? where id = ?", Timestamp.from(now), ids.size(),
                Timestamp.from(leaseUntil), subscription);
    }

    /** These events are given up on: kept (dead-lettering on) or dropped, and counted either way. */
    void deadLetter(Claim claim, List<Long> ids, String reason, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        if (claim.deadLetter()) {
            jdbc.update("update notification_deliveries set dead_lettered_at = ?, last_error = ? where id = any (?)",
                    Timestamp.from(now), reason, ids.toArray(Long[]::new));
        } else {
            jdbc.update("delete from notification_deliveries where id = any (?)", (Object) ids.toArray(Long[]::new));
        }
        jdbc.update("update event_subscriptions set dead_letter_count = dead_letter_count + ? where id = ?", ids.size(),
                claim.id());
    }

    /** An attempt failed: the events count it, the destination backs off until {@code retryAt} and is released. */
    void failed(UUID subscription, List<Long> ids, String reason, Instant now, Instant retryAt) {
        jdbc.update("update notification_deliveries set attempts = attempts + 1, last_error = ? where id = any (?)",
                reason, ids.toArray(Long[]::new));
        jdbc.update("update event_subscriptions set failure_count = failure_count + 1, last_failure_at = ?,"
                + " last_failure_reason = ?, consecutive_failures = consecutive_failures + 1, next_delivery_at = ?,"
                + " lease_until = null where id = ?", Timestamp.from(now), reason, Timestamp.from(retryAt), subscription);
    }

    void release(UUID subscription) {
        jdbc.update("update event_subscriptions set lease_until = null where id = ?", subscription);
    }
}

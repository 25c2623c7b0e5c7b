package dev.mooring.inventory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * SQL over {@code cluster_inventory} (alias {@code i}) shared by lists, counts and gauges: above all the
 * connectivity status, derived in the query exactly as ARM GET derives it ({@code clusters.Connectivity}) at
 * one instant, so a filter or a count never disagrees with what a cluster's own page shows.
 */
final class Fleet {

    static final String CONNECTING = "Connecting";
    static final String CONNECTED = "Connected";
    static final String OFFLINE = "Offline";
    static final String EXPIRED = "Expired";
    static final java.util.List<String> STATUSES = java.util.List.of(CONNECTING, CONNECTED, OFFLINE, EXPIRED);

    /** The instant a request is answered at, and the heartbeat time after which a cluster reads Connected. */
    record Instants(OffsetDateTime now, OffsetDateTime connectedAfter) {

        static Instants at(Instant now, java.time.Duration connectedWithin) {
            return new Instants(now.atOffset(ZoneOffset.UTC), now.minus(connectedWithin).atOffset(ZoneOffset.UTC));
        }

        /** The status expression's arguments, in order. */
        Object[] statusArgs() {
            return new Object[] {now, connectedAfter};
        }
    }

    /** Two arguments: {@link Instants#statusArgs()}. */
    static final String STATUS = "(case when i.identity_expires_at < ? then 'Expired' when i.last_seen is null"
            + " then 'Connecting' when i.last_seen > ? then 'Connected' else 'Offline' end)";

    /** A condition for one status and its arguments. */
    static String statusCondition(String status) {
        String notExpired = "(i.identity_expires_at is null or i.identity_expires_at >= ?)";
        return switch (status) {
            case EXPIRED -> "i.identity_expires_at < ?";
            case CONNECTING -> "(" + notExpired + " and i.last_seen is null)";
            case CONNECTED -> "(" + notExpired + " and i.last_seen > ?)";
            default -> "(" + notExpired + " and i.last_seen <= ?)";
        };
    }

    static Object[] statusConditionArgs(String status, Instants at) {
        return switch (status) {
            case EXPIRED, CONNECTING -> new Object[] {at.now()};
            default -> new Object[] {at.now(), at.connectedAfter()};
        };
    }

    private Fleet() {
    }
}

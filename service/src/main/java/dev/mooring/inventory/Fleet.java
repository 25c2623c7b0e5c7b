package dev.mooring.inventory;

import dev.mooring.clusters.ConnectivityPolicy;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * SQL over {@code cluster_inventory} (alias {@code i}) shared by lists, counts and gauges: above all the
 * connectivity status, derived in the query by the {@link ConnectivityPolicy}'s own SQL at one instant, so a
 * filter or a count never disagrees with what a cluster's own page shows.
 */
final class Fleet {

    static final List<String> STATUSES = ConnectivityPolicy.STATUSES;

    private static final String LAST_SEEN = "i.last_seen";
    private static final String IDENTITY_EXPIRES = "i.identity_expires_at";

    /** Two arguments: {@link Instants#statusArgs()}. */
    static final String STATUS = ConnectivityPolicy.statusSql(LAST_SEEN, IDENTITY_EXPIRES);

    /** The instant a request is answered at, and the policy that says what each status means then. */
    record Instants(Instant instant, ConnectivityPolicy policy) {

        OffsetDateTime now() {
            return instant.atOffset(ZoneOffset.UTC);
        }

        /** The status expression's arguments, in order. */
        Object[] statusArgs() {
            return policy.statusSqlArgs(instant);
        }

        /** The arguments of {@link #statusCondition(String)} for {@code status}. */
        Object[] statusConditionArgs(String status) {
            return policy.conditionSqlArgs(status, instant);
        }
    }

    /** A condition for one status; its arguments come from {@link Instants#statusConditionArgs(String)}. */
    static String statusCondition(String status) {
        return ConnectivityPolicy.conditionSql(status, LAST_SEEN, IDENTITY_EXPIRES);
    }

    private Fleet() {
    }
}

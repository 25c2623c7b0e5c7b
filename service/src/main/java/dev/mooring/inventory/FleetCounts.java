package dev.mooring.inventory;

import dev.mooring.clusters.ConnectivityPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * The summary's fast source: {@code cluster_inventory_counts}, which triggers keep per subscription, location and
 * minute of the last heartbeat (migration V70), corrected by the few clusters whose identity has expired. It has
 * the columns of {@code cluster_inventory} that the connectivity status, the subscription and location filters
 * and the visibility condition read, so {@link Fleet#STATUS}, {@link Filters} and {@link Visibility} apply to it
 * unchanged; a row stands for {@code clusters} clusters. It answers at a whole minute (the summary's
 * {@code asOf}), where its minute buckets give exactly the statuses a scan would.
 */
@Component
class FleetCounts {

    private static final Duration RESOLUTION = Duration.ofMinutes(1);
    private static final Set<String> PARAMETERS = Set.of(Filters.SUBSCRIPTION_ID, Filters.LOCATION,
            Filters.CONNECTIVITY_STATUS, ClusterInventory.GROUP_BY);
    private static final Set<String> DIMENSIONS = Set.of(ClusterInventory.Dimension.SUBSCRIPTION_ID.parameter,
            ClusterInventory.Dimension.LOCATION.parameter, ClusterInventory.Dimension.CONNECTIVITY_STATUS.parameter);

    /** The relation, aliased {@code i}; one argument: the instant identities count as expired before. */
    static final String RELATION = "(select c.subscription_id, c.location, nullif(c.seen_bucket, 'infinity') as last_seen,"
            + " null::timestamptz as identity_expires_at, c.clusters, c.nodes as total_node_count,"
            + " c.cores as total_core_count from cluster_inventory_counts c"
            + " union all select e.subscription_id, e.location, e.last_seen, x.expires, x.sign,"
            + " x.sign * coalesce(e.total_node_count, 0), x.sign * coalesce(e.total_core_count, 0)"
            + " from cluster_inventory e cross join lateral (values (null::timestamptz, -1), (e.identity_expires_at, 1))"
            + " as x (expires, sign) where e.identity_expires_at < ?) i";

    private final ConnectivityPolicy connectivity;

    FleetCounts(ConnectivityPolicy connectivity) {
        this.connectivity = connectivity;
    }

    /**
     * Whether the counts answer a summary with these parameters and groupings: only subscription, location and
     * connectivity status filter or group it, and only when the Connected window is a whole number of minutes.
     */
    boolean answers(MultiValueMap<String, String> query, List<String> groupings) {
        return PARAMETERS.containsAll(query.keySet()) && DIMENSIONS.containsAll(groupings) && exact();
    }

    /** Whether the counts give exact statuses: the Connected window is a whole number of minutes. */
    boolean exact() {
        return connectivity.connectedWithin().toNanos() % RESOLUTION.toNanos() == 0;
    }

    /** The instant the counts answer at for a summary asked at {@code now}: the minute it falls in. */
    Fleet.Instants at(Instant now) {
        return new Fleet.Instants(now.truncatedTo(ChronoUnit.MINUTES), connectivity);
    }
}

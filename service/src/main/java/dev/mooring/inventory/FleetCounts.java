package dev.mooring.inventory;

import dev.mooring.clusters.ConnectivityPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * The summary's fast source: {@code cluster_inventory_counts}, which triggers keep per subscription, location and
 * minute of the last heartbeat (migration V70), with minutes that can no longer read Connected folded into one old
 * row and expired identities in one expired row, both as of marks that {@link FleetCountsUpkeep} moves forward
 * (V75). A summary corrects only for the few clusters whose identity expires between the mark and the instant asked,
 * so its cost does not grow with the fleet. It has the columns of {@code cluster_inventory} that the connectivity
 * status, the subscription and location filters and the visibility condition read, so {@link Fleet#STATUS},
 * {@link Filters} and {@link Visibility} apply to it unchanged; a row stands for {@code clusters} clusters. It
 * answers at a whole minute (the summary's {@code asOf}), where its minute buckets give exactly the statuses a scan
 * would.
 */
@Component
class FleetCounts {

    private static final Duration RESOLUTION = Duration.ofMinutes(1);
    private static final Set<String> PARAMETERS = Set.of(Filters.SUBSCRIPTION_ID, Filters.LOCATION,
            Filters.CONNECTIVITY_STATUS, ClusterInventory.GROUP_BY);
    private static final Set<String> DIMENSIONS = Set.of(ClusterInventory.Dimension.SUBSCRIPTION_ID.parameter,
            ClusterInventory.Dimension.LOCATION.parameter, ClusterInventory.Dimension.CONNECTIVITY_STATUS.parameter);

    private static final String MARK = "(select m.expired_before from cluster_inventory_count_marks m)";

    /**
     * The relation, aliased {@code i}; its arguments: {@link #relationArgs}. The count rows (an expired row's
     * {@code identity_expires_at} is -infinity: Expired at any instant), then for each cluster whose identity expires
     * between the mark and the instant asked (either way round: a replica's clock may be behind the mark) a row
     * taking it out of where it counts and one putting it where it is at that instant.
     */
    static final String RELATION = "(select c.subscription_id, c.location, nullif(c.seen_bucket, 'infinity') as last_seen,"
            + " case when c.expired then '-infinity'::timestamptz end as identity_expires_at, c.clusters,"
            + " c.nodes as total_node_count, c.cores as total_core_count from cluster_inventory_counts c"
            + " union all select e.subscription_id, e.location, e.last_seen, x.expires, x.weight,"
            + " x.weight * coalesce(e.total_node_count, 0), x.weight * coalesce(e.total_core_count, 0)"
            + " from cluster_inventory e cross join lateral (values (case when e.identity_expires_at < " + MARK
            + " then '-infinity'::timestamptz end, -1), (e.identity_expires_at, 1)) as x (expires, weight)"
            + " where e.identity_expires_at >= least(" + MARK + ", ?) and e.identity_expires_at < greatest(" + MARK
            + ", ?)) i";

    private final ConnectivityPolicy connectivity;
    private final JdbcTemplate jdbc;

    FleetCounts(ConnectivityPolicy connectivity, JdbcTemplate jdbc) {
        this.connectivity = connectivity;
        this.jdbc = jdbc;
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

    /** The arguments of {@link #RELATION} for a summary at {@code at}. */
    static Object[] relationArgs(Fleet.Instants at) {
        return new Object[] {at.now(), at.now()};
    }

    /**
     * Whether the counts answer at {@code at}: the heartbeat minutes they hold together in one old row are all
     * Offline then (the upkeep keeps that mark behind the Connected window; a clock far behind the database's is not).
     */
    boolean current(Fleet.Instants at) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select old_before <= ? from cluster_inventory_count_marks",
                Boolean.class, at.now().minus(connectivity.connectedWithin())));
    }

    /** The instant the counts answer at for a summary asked at {@code now}: the minute it falls in. */
    Fleet.Instants at(Instant now) {
        return new Fleet.Instants(now.truncatedTo(ChronoUnit.MINUTES), connectivity);
    }
}

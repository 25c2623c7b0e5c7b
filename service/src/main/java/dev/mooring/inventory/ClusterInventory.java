package dev.mooring.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.Guids;
import dev.mooring.arm.paging.Paging;
import dev.mooring.clusters.ConnectivityPolicy;
import org.springframework.util.MultiValueMap;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The operator inventory's reads: the cluster list, the summary counts and one cluster's timeline. */
@Service
class ClusterInventory {

    static final String GROUP_BY = "groupBy";
    static final int MAX_GROUPS = 10_000;
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /** One cluster as the list shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(String id, String subscriptionId, String resourceGroup, String name, String location,
            String connectivityStatus, OffsetDateTime lastConnectivityTime, String provisioningState,
            String kubernetesVersion, String agentVersion, String distribution, String infrastructure,
            Integer totalNodeCount, Integer totalCoreCount, Map<String, Object> tags) {
    }

    /** A list row: the item and its keyset key. */
    record Row(Item item, String key) {
    }

    /** A timeline row: the event and its keyset key. */
    record EventRow(Event event, String key) {
    }

    record Counts(long clusters, long nodes, long cores) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Group(Map<String, String> keys, long clusters, long nodes, long cores) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Summary(OffsetDateTime asOf, Counts totals, List<String> groupBy, List<Group> groups, Boolean truncated) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(OffsetDateTime at, String kind, Map<String, Object> details) {
    }

    private final JdbcTemplate jdbc;
    private final Visibility visibility;
    private final Filters filters;
    private final ConnectivityPolicy connectivity;
    private final FleetCounts counts;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    ClusterInventory(JdbcTemplate jdbc, Visibility visibility, Filters filters, ConnectivityPolicy connectivity,
            FleetCounts counts, Clock clock) {
        this.jdbc = jdbc;
        this.visibility = visibility;
        this.filters = filters;
        this.connectivity = connectivity;
        this.counts = counts;
        this.clock = clock;
    }

    Fleet.Instants now() {
        return new Fleet.Instants(clock.instant(), connectivity);
    }

    /** A page of the clusters the caller sees that match the request's filters, in the requested order. */
    @Transactional(readOnly = true)
    List<Row> page(CallerIdentity caller, MultiValueMap<String, String> query, Sorts.Order order, Paging.Request page) {
        Fleet.Instants at = now();
        Sql where = new Sql();
        filters.apply(query, at, where);
        visibility.restrict(caller, where);
        if (page.after() != null) {
            where.and(order.after(), afterKey(page.after(), order));
        }
        String sortValue = order.sort().expression == null ? "null" : "(" + order.sort().expression + ")::text";
        String select = "select i.cluster_id, i.subscription_id, i.resource_group_name, i.name, i.location, "
                + Fleet.STATUS + " as status, i.last_seen, i.provisioning_state, i.kubernetes_version, i.agent_version,"
                + " i.distribution, i.infrastructure, i.total_node_count, i.total_core_count, i.tags::text, "
                + sortValue + " as sort_value, i.name_key from cluster_inventory i where " + where.where()
                + " order by " + order.orderBy() + " limit ?";
        List<Object> args = new ArrayList<>(Arrays.asList(at.statusArgs()));
        args.addAll(where.args());
        args.add(page.fetchSize());
        return jdbc.query(select, (rs, n) -> new Row(item(rs), order.token() + "|"
                + (rs.getString("sort_value") == null ? "" : rs.getString("sort_value")) + "|" + rs.getString("name_key")
                + "|" + rs.getObject("cluster_id", UUID.class)), args.toArray());
    }

    private static Object[] afterKey(String token, Sorts.Order order) {
        String[] parts = token.split("\\|", -1);
        if (parts.length != 4 || !parts[0].equals(order.token()) || Guids.parse(parts[3]) == null
                || !order.fits(parts[1])) {
            throw new ArmException(HttpStatus.BAD_REQUEST, "InvalidSkipToken", "The '$skipToken' is not valid for this"
                    + " order. Use the nextLink of the previous page as it was returned.", "$skipToken");
        }
        return order.valueParts() == 0 ? new Object[] {parts[2], parts[3]} : new Object[] {parts[1], parts[2], parts[3]};
    }

    private Item item(ResultSet rs) throws SQLException {
        UUID subscription = rs.getObject("subscription_id", UUID.class);
        String group = rs.getString("resource_group_name");
        String name = rs.getString("name");
        return new Item("/subscriptions/" + subscription + "/resourceGroups/" + group
                + "/providers/Microsoft.Kubernetes/connectedClusters/" + name, subscription.toString(), group, name,
                rs.getString("location"), rs.getString("status"), rs.getObject("last_seen", OffsetDateTime.class),
                rs.getString("provisioning_state"), rs.getString("kubernetes_version"), rs.getString("agent_version"),
                rs.getString("distribution"), rs.getString("infrastructure"),
                (Integer) rs.getObject("total_node_count"), (Integer) rs.getObject("total_core_count"),
                json.readValue(rs.getString("tags"), MAP));
    }

    /** Dimensions a summary may group by, and the SQL each groups on. */
    enum Dimension {
        SUBSCRIPTION_ID("subscriptionId", "i.subscription_id::text"),
        RESOURCE_GROUP("resourceGroup", "i.subscription_id::text || '/' || i.resource_group_key"),
        LOCATION("location", "i.location"),
        CONNECTIVITY_STATUS("connectivityStatus", Fleet.STATUS),
        PROVISIONING_STATE("provisioningState", "i.provisioning_state"),
        KUBERNETES_VERSION("kubernetesVersion", "i.kubernetes_version"),
        AGENT_VERSION("agentVersion", "i.agent_version"),
        DISTRIBUTION("distribution", "i.distribution"),
        INFRASTRUCTURE("infrastructure", "i.infrastructure");

        static final String TAG_PREFIX = "tag:";

        final String parameter;
        final String expression;

        Dimension(String parameter, String expression) {
            this.parameter = parameter;
            this.expression = expression;
        }
    }

    /** A parsed groupBy entry: its name as shown, its SQL and the SQL's arguments. */
    private record Grouping(String name, String expression, Object[] args) {
    }

    private static List<Grouping> groupings(MultiValueMap<String, String> query, Fleet.Instants at) {
        String[] raw = Filters.raw(query, GROUP_BY);
        List<Grouping> groupings = new ArrayList<>();
        if (raw == null) {
            return groupings;
        }
        for (String value : Filters.values(query, GROUP_BY)) {
            Grouping grouping = null;
            if (value.regionMatches(true, 0, Dimension.TAG_PREFIX, 0, Dimension.TAG_PREFIX.length())
                    && value.length() > Dimension.TAG_PREFIX.length()) {
                String key = value.substring(Dimension.TAG_PREFIX.length());
                grouping = new Grouping(Dimension.TAG_PREFIX + key, "i.tags ->> ?", new Object[] {key});
            }
            for (Dimension d : Dimension.values()) {
                if (d.parameter.equalsIgnoreCase(value)) {
                    grouping = new Grouping(d.parameter, d.expression,
                            d == Dimension.CONNECTIVITY_STATUS ? at.statusArgs() : new Object[0]);
                }
            }
            if (grouping == null) {
                throw Filters.invalid(GROUP_BY, value, "one or two of " + String.join(", ", Arrays.stream(
                        Dimension.values()).map(d -> d.parameter).toList()) + ", tag:{name}");
            }
            Grouping chosen = grouping;
            if (groupings.stream().anyMatch(g -> g.name().equalsIgnoreCase(chosen.name()))) {
                throw Filters.invalid(GROUP_BY, value, "different dimensions");
            }
            groupings.add(grouping);
        }
        if (groupings.size() > 2) {
            throw ArmException.badRequest("InvalidParameter", "A summary groups by at most two dimensions.", GROUP_BY);
        }
        return groupings;
    }

    /** Where a summary counts: its relation (aliased {@code i}) and arguments, the count, the instant, the filters. */
    private record Source(String from, Object[] fromArgs, String clusters, Fleet.Instants at, Sql where) {
    }

    /**
     * The summary's source: the maintained counts when they can answer the request (see {@link FleetCounts}),
     * otherwise one scan of the inventory.
     */
    private Source source(CallerIdentity caller, MultiValueMap<String, String> query) {
        List<String> dimensions = groupings(query, now()).stream().map(Grouping::name).toList();
        if (counts.answers(query, dimensions)) {
            Fleet.Instants at = counts.at(clock.instant());
            Sql where = new Sql();
            if (counts.current(at) && visibility.restrictToWholeSubscriptions(caller, where)) {
                filters.apply(query, at, where);
                return new Source(FleetCounts.RELATION, FleetCounts.relationArgs(at), "sum(i.clusters)", at, where);
            }
        }
        Fleet.Instants at = now();
        Sql where = new Sql();
        filters.apply(query, at, where);
        visibility.restrict(caller, where);
        fleetScan(jdbc);
        return new Source("cluster_inventory i", new Object[0], "count(*)", at, where);
    }

    /** Counts of the clusters the caller sees that match the filters, in total and per group. */
    @Transactional(readOnly = true)
    Summary summary(CallerIdentity caller, MultiValueMap<String, String> query) {
        Source source = source(caller, query);
        Fleet.Instants at = source.at();
        List<Grouping> groupings = groupings(query, at);
        List<Object> args = new ArrayList<>();
        if (groupings.isEmpty()) {
            args.addAll(Arrays.asList(source.fromArgs()));
            args.addAll(source.where().args());
            Counts totals = jdbc.queryForObject("select coalesce(" + source.clusters() + ", 0),"
                    + " coalesce(sum(i.total_node_count), 0), coalesce(sum(i.total_core_count), 0) from "
                    + source.from() + " where " + source.where().where(),
                    (rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3)), args.toArray());
            return new Summary(at.now(), totals, null, null, null);
        }
        StringBuilder select = new StringBuilder("select ");
        StringBuilder groupBy = new StringBuilder();
        for (int g = 0; g < groupings.size(); g++) {
            select.append(groupings.get(g).expression()).append(" as k").append(g).append(", ");
            args.addAll(Arrays.asList(groupings.get(g).args()));
            groupBy.append(g == 0 ? "" : ", ").append(g + 1);
        }
        args.addAll(Arrays.asList(source.fromArgs()));
        select.append(source.clusters()).append(" as clusters, coalesce(sum(i.total_node_count), 0) as nodes,"
                + " coalesce(sum(i.total_core_count), 0) as cores, sum(").append(source.clusters())
                .append(") over () as all_clusters, coalesce(sum(sum(i.total_node_count)) over (), 0) as all_nodes,"
                + " coalesce(sum(sum(i.total_core_count)) over (), 0) as all_cores from ").append(source.from())
                .append(" where ").append(source.where().where()).append(" group by ").append(groupBy)
                .append(" having ").append(source.clusters()).append(" <> 0 order by clusters desc, ").append(groupBy)
                .append(" limit ?");
        args.addAll(source.where().args());
        args.add(MAX_GROUPS + 1);
        long[] totals = new long[3];
        List<Group> groups = new ArrayList<>();
        jdbc.query(select.toString(), rs -> {
            Map<String, String> keys = new LinkedHashMap<>();
            for (int g = 0; g < groupings.size(); g++) {
                keys.put(groupings.get(g).name(), rs.getString("k" + g));
            }
            totals[0] = rs.getLong("all_clusters");
            totals[1] = rs.getLong("all_nodes");
            totals[2] = rs.getLong("all_cores");
            groups.add(new Group(keys, rs.getLong("clusters"), rs.getLong("nodes"), rs.getLong("cores")));
        }, args.toArray());
        boolean truncated = groups.size() > MAX_GROUPS;
        return new Summary(at.now(), new Counts(totals[0], totals[1], totals[2]),
                groupings.stream().map(Grouping::name).toList(), truncated ? groups.subList(0, MAX_GROUPS) : groups,
                truncated ? Boolean.TRUE : null);
    }

    /**
     * Settings for one aggregate over the whole table, local to the calling transaction: share the scan between the
     * cores, and hash the groups in memory. PostgreSQL's row estimate for grouped derived statuses is far too high
     * (~100,000 groups for a few dozen), which otherwise makes it sort a million rows on disk, serially.
     */
    static void fleetScan(JdbcTemplate jdbc) {
        jdbc.execute("set local parallel_setup_cost = 0");
        jdbc.execute("set local parallel_tuple_cost = 0");
        jdbc.execute("set local work_mem = '64MB'");
        jdbc.execute("set local enable_sort = off");
    }

    /** One cluster's connectivity transitions and metadata changes, newest first. */
    @Transactional(readOnly = true)
    List<EventRow> timeline(CallerIdentity caller, String subscriptionId, String resourceGroup, String name,
            MultiValueMap<String, String> query, Paging.Request page) {
        UUID subscription = Guids.parse(subscriptionId);
        Sql where = new Sql();
        visibility.restrict(caller, where);
        List<UUID> found = subscription == null ? List.of() : jdbc.queryForList("select i.cluster_id from"
                + " cluster_inventory i where i.subscription_id = ? and i.resource_group_key = ? and i.name_key = ? and "
                + where.where(), UUID.class, concat(new Object[] {subscription,
                resourceGroup.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}, where.args()));
        if (found.isEmpty()) {
            // Whether it does not exist or the caller may not read it, the answer is the same.
            throw ArmException.notFound("ResourceNotFound", "The connected cluster '" + Bounded.text(name)
                    + "' in resource group '" + Bounded.text(resourceGroup) + "' of subscription '"
                    + Bounded.text(subscriptionId) + "' was not found.");
        }
        Fleet.Instants at = now();
        Sql events = new Sql().and("e.cluster_id = ?", found.getFirst());
        OffsetDateTime since = timelineInstant(query, "since", at);
        if (since != null) {
            events.and("e.at >= ?", since);
        }
        OffsetDateTime until = timelineInstant(query, "until", at);
        if (until != null) {
            events.and("e.at < ?", until);
        }
        if (page.after() != null) {
            String[] parts = page.after().split("\\|", -1);
            if (parts.length != 3 || !parts[0].equals("events") || !TokenValues.fits("timestamptz", parts[1])
                    || !TokenValues.fits("bigint", parts[2])) {
                throw Paging.invalidSkipToken();
            }
            events.and("(e.at, e.id) < (?::timestamptz, ?)", parts[1], Long.parseLong(parts[2]));
        }
        List<Object> args = new ArrayList<>(events.args());
        args.add(page.fetchSize());
        return jdbc.query("select e.id, e.at, e.at::text as at_text, e.kind, e.details::text as details"
                + " from cluster_events e where " + events.where() + " order by e.at desc, e.id desc limit ?",
                (rs, n) -> new EventRow(new Event(rs.getObject("at", OffsetDateTime.class), rs.getString("kind"),
                        json.readValue(rs.getString("details"), MAP)),
                        "events|" + rs.getString("at_text") + "|" + rs.getLong("id")), args.toArray());
    }

    private static OffsetDateTime timelineInstant(MultiValueMap<String, String> query, String name, Fleet.Instants at) {
        String value = Filters.single(query, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw Filters.invalid(name, value, "an ISO-8601 instant such as 2026-11-20T10:00:00Z");
        }
    }

    private static Object[] concat(Object[] first, List<Object> rest) {
        List<Object> all = new ArrayList<>(Arrays.asList(first));
        all.addAll(rest);
        return all.toArray();
    }

    static final Set<String> LIST_PARAMETERS = Set.of(Sorts.PARAMETER, "$top", "$skipToken", "format");
    static final Set<String> SUMMARY_PARAMETERS = Set.of(GROUP_BY);
    static final Set<String> TIMELINE_PARAMETERS = Set.of("since", "until", "$top", "$skipToken");
}

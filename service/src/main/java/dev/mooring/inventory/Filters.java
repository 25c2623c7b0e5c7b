package dev.mooring.inventory;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.Guids;
import dev.mooring.tenancy.Region;
import dev.mooring.tenancy.Regions;
import org.springframework.util.MultiValueMap;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inventory's filter parameters, shared by the list and the summary. Parameters that take several values
 * accept them comma-separated or repeated, and match any of them; different parameters must all match.
 * Unknown parameters are refused, so a misspelt filter never silently widens a result.
 */
@Component
class Filters {

    static final String SUBSCRIPTION_ID = "subscriptionId";
    static final String RESOURCE_GROUP = "resourceGroup";
    static final String NAME_PREFIX = "namePrefix";
    static final String LOCATION = "location";
    static final String CONNECTIVITY_STATUS = "connectivityStatus";
    static final String PROVISIONING_STATE = "provisioningState";
    static final String KUBERNETES_VERSION = "kubernetesVersion";
    static final String AGENT_VERSION = "agentVersion";
    static final String DISTRIBUTION = "distribution";
    static final String INFRASTRUCTURE = "infrastructure";
    static final String TAG = "tag";
    static final String LAST_CONNECTIVITY_BEFORE = "lastConnectivityTimeBefore";
    static final String LAST_CONNECTIVITY_AFTER = "lastConnectivityTimeAfter";
    static final String FLUX_COMPLIANCE_STATE = "fluxComplianceState";
    static final String EXTENSION_TYPE = "extensionType";
    static final String EXTENSION_VERSION = "extensionVersion";

    static final Set<String> NAMES = Set.of(SUBSCRIPTION_ID, RESOURCE_GROUP, NAME_PREFIX, LOCATION, CONNECTIVITY_STATUS,
            PROVISIONING_STATE, KUBERNETES_VERSION, AGENT_VERSION, DISTRIBUTION, INFRASTRUCTURE, TAG,
            LAST_CONNECTIVITY_BEFORE, LAST_CONNECTIVITY_AFTER, FLUX_COMPLIANCE_STATE, EXTENSION_TYPE, EXTENSION_VERSION);

    static final List<String> PROVISIONING_STATES = List.of("Succeeded", "Failed", "Canceled", "Provisioning",
            "Updating", "Deleting", "Accepted");

    /** Arc's flux compliance states (Microsoft.KubernetesConfiguration/fluxConfigurations complianceState). */
    static final List<String> FLUX_COMPLIANCE_STATES = List.of("Compliant", "Non-Compliant", "Pending", "Suspended",
            "Unknown");

    static final String OUTDATED = "outdated";

    private final Regions regions;
    private final NewestAgent newestAgent;
    private final JsonMapper json = JsonMapper.builder().build();

    Filters(Regions regions, NewestAgent newestAgent) {
        this.regions = regions;
        this.newestAgent = newestAgent;
    }

    /** Refuses parameters that are neither filters nor one of {@code others}. */
    static void requireKnown(MultiValueMap<String, String> query, Set<String> others) {
        for (String name : query.keySet()) {
            if (!NAMES.contains(name) && !others.contains(name)) {
                throw ArmException.badRequest("InvalidParameter", "The query parameter '" + Bounded.text(name)
                        + "' is not known. Filters: " + String.join(", ", NAMES.stream().sorted().toList()) + ".",
                        Bounded.text(name));
            }
        }
    }

    /** Adds every filter the request names to {@code sql}. */
    void apply(MultiValueMap<String, String> query, Fleet.Instants at, Sql sql) {
        List<String> subscriptions = values(query, SUBSCRIPTION_ID);
        if (!subscriptions.isEmpty()) {
            for (String s : subscriptions) {
                if (Guids.parse(s) == null) {
                    throw invalid(SUBSCRIPTION_ID, s, "a subscription id (a GUID)");
                }
            }
            sql.and("i.subscription_id = any(?::uuid[])", (Object) lower(subscriptions));
        }
        List<String> groups = values(query, RESOURCE_GROUP);
        if (!groups.isEmpty()) {
            sql.and("i.resource_group_key = any(?::text[])", (Object) lower(groups));
        }
        String prefix = single(query, NAME_PREFIX);
        if (prefix != null && !prefix.isEmpty()) {
            String escaped = prefix.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            sql.and("i.name_key like ?", escaped + "%");
        }
        List<String> locations = values(query, LOCATION);
        if (!locations.isEmpty()) {
            sql.and("i.location = any(?::text[])", (Object) locations.stream().map(l -> regions.find(l)
                    .map(Region::name).orElseThrow(() -> invalid(LOCATION, l, "an Azure region such as westeurope or"
                            + " 'West Europe'"))).distinct().toArray(String[]::new));
        }
        List<String> statuses = values(query, CONNECTIVITY_STATUS);
        if (!statuses.isEmpty()) {
            List<String> conditions = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            for (String s : statuses.stream().distinct().toList()) {
                String status = Fleet.STATUSES.stream().filter(k -> k.equalsIgnoreCase(s)).findFirst()
                        .orElseThrow(() -> invalid(CONNECTIVITY_STATUS, s, String.join(", ", Fleet.STATUSES)));
                conditions.add(Fleet.statusCondition(status));
                args.addAll(Arrays.asList(at.statusConditionArgs(status)));
            }
            sql.and("(" + String.join(" or ", conditions) + ")", args.toArray());
        }
        List<String> states = values(query, PROVISIONING_STATE);
        if (!states.isEmpty()) {
            sql.and("i.provisioning_state = any(?::text[])", (Object) states.stream().map(s -> PROVISIONING_STATES
                    .stream().filter(k -> k.equalsIgnoreCase(s)).findFirst().orElseThrow(() ->
                            invalid(PROVISIONING_STATE, s, String.join(", ", PROVISIONING_STATES))))
                    .toArray(String[]::new));
        }
        String kubernetes = single(query, KUBERNETES_VERSION);
        if (kubernetes != null) {
            range(sql, "i.kubernetes_version_key", Versions.parse(KUBERNETES_VERSION, kubernetes));
        }
        String agent = single(query, AGENT_VERSION);
        if (agent != null) {
            range(sql, "i.agent_version_key", agent.strip().equalsIgnoreCase(OUTDATED)
                    ? Versions.outdated(newestAgent.version()) : Versions.parse(AGENT_VERSION, agent));
        }
        List<String> distributions = values(query, DISTRIBUTION);
        if (!distributions.isEmpty()) {
            sql.and("lower(i.distribution) = any(?::text[])", (Object) lower(distributions));
        }
        List<String> infrastructures = values(query, INFRASTRUCTURE);
        if (!infrastructures.isEmpty()) {
            sql.and("lower(i.infrastructure) = any(?::text[])", (Object) lower(infrastructures));
        }
        String[] tags = raw(query, TAG);
        if (tags != null) {
            for (String tag : tags) {
                int eq = tag.indexOf('=');
                String key = eq < 0 ? tag : tag.substring(0, eq);
                if (key.isBlank()) {
                    throw invalid(TAG, tag, "a tag name, or name=value");
                }
                if (eq < 0) {
                    sql.and("i.tags ?? ?", key);
                } else {
                    Map<String, String> wanted = new LinkedHashMap<>();
                    wanted.put(key, tag.substring(eq + 1));
                    sql.and("i.tags @> ?::jsonb", json.writeValueAsString(wanted));
                }
            }
        }
        List<String> compliance = values(query, FLUX_COMPLIANCE_STATE);
        if (!compliance.isEmpty()) {
            sql.and("exists (select 1 from flux_configurations f where f.cluster_id = i.cluster_id"
                    + " and f.compliance_state = any(?::text[]))", (Object) compliance.stream().map(s -> FLUX_COMPLIANCE_STATES
                    .stream().filter(k -> k.equalsIgnoreCase(s)).findFirst().orElseThrow(() ->
                            invalid(FLUX_COMPLIANCE_STATE, s, String.join(", ", FLUX_COMPLIANCE_STATES))))
                    .distinct().toArray(String[]::new));
        }
        extensions(query, sql);
        OffsetDateTime before = instant(query, LAST_CONNECTIVITY_BEFORE, at);
        if (before != null) {
            sql.and("i.last_seen < ?", before);
        }
        OffsetDateTime after = instant(query, LAST_CONNECTIVITY_AFTER, at);
        if (after != null) {
            sql.and("i.last_seen > ?", after);
        }
    }

    /**
     * Clusters with an extension of one of the types (case-insensitive) whose running version (as its agent reports
     * it) is one of the versions; both given, one extension must match both. Extensions being removed do not count.
     */
    private static void extensions(MultiValueMap<String, String> query, Sql sql) {
        List<String> types = values(query, EXTENSION_TYPE);
        List<String> versions = values(query, EXTENSION_VERSION);
        if (types.isEmpty() && versions.isEmpty()) {
            return;
        }
        List<String> conditions = new ArrayList<>(List.of("e.cluster_id = i.cluster_id", "not e.removal_requested"));
        List<Object> args = new ArrayList<>();
        if (!types.isEmpty()) {
            conditions.add("lower(e.extension_type) = any(?::text[])");
            args.add(lower(types));
        }
        if (!versions.isEmpty()) {
            conditions.add("lower(e.current_version) = any(?::text[])");
            args.add(lower(versions));
        }
        sql.and("exists (select 1 from cluster_extensions e where " + String.join(" and ", conditions) + ")",
                args.toArray());
    }

    /** Versions that cannot be read (key -1) match no range; the expression is the one the indexes cover. */
    private static void range(Sql sql, String column, Versions.Range range) {
        if (range.isEmpty()) {
            sql.and("false");
            return;
        }
        sql.and("coalesce(" + column + ", -1) >= ?", range.lower());
        if (range.upper() != Long.MAX_VALUE) {
            sql.and("coalesce(" + column + ", -1) < ?", range.upper());
        }
    }

    /** An instant (ISO-8601, e.g. 2026-11-20T10:00:00Z) or a duration before now (ISO-8601, e.g. P1D, PT6H). */
    private static OffsetDateTime instant(MultiValueMap<String, String> query, String name, Fleet.Instants at) {
        String value = single(query, name);
        if (value == null) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                Duration ago = Duration.parse(v);
                if (ago.isNegative()) {
                    throw invalid(name, value, "an ISO-8601 instant or a positive ISO-8601 duration before now");
                }
                return at.now().minus(ago);
            }
            return OffsetDateTime.parse(v).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | ArithmeticException e) {
            try {
                return Instant.parse(v).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw invalid(name, value, "an ISO-8601 instant such as 2026-11-20T10:00:00Z, or a duration before"
                        + " now such as P1D");
            }
        }
    }

    static List<String> values(MultiValueMap<String, String> query, String name) {
        String[] raw = raw(query, name);
        if (raw == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String r : raw) {
            for (String v : r.split(",")) {
                if (!v.isBlank()) {
                    values.add(v.strip());
                }
            }
        }
        if (values.isEmpty()) {
            throw ArmException.badRequest("InvalidParameter", "The query parameter '" + name + "' has no value.", name);
        }
        return values;
    }

    /** The parameter's values as sent, or null when absent. */
    static String[] raw(MultiValueMap<String, String> query, String name) {
        List<String> values = query.get(name);
        return values == null ? null : values.toArray(String[]::new);
    }

    static String single(MultiValueMap<String, String> query, String name) {
        String[] raw = raw(query, name);
        if (raw == null) {
            return null;
        }
        if (raw.length > 1) {
            throw ArmException.badRequest("InvalidParameter", "The query parameter '" + name + "' may be given once.",
                    name);
        }
        return raw[0];
    }

    static ArmException invalid(String name, String value, String expected) {
        return ArmException.badRequest("InvalidParameter", "The value '" + Bounded.text(value) + "' of '" + name
                + "' is not valid: expected " + expected + ".", name);
    }

    private static String[] lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new);
    }
}

package dev.mooring.tenancy;

import dev.mooring.arm.Bounded;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.Tags;
import dev.mooring.arm.errors.ArmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A subscription's tag names as ARM summarises them ({@code az tag list}, {@code az tag create --name}): the union
 * of its predefined tag names and values and the tags its resource groups and resources carry, with how many
 * carry each. Predefined names and values can be added, and removed while nothing uses them.
 */
@Service
class TagNames {

    /** Prefixes ARM reserves for Azure's own tag names. */
    private static final List<String> RESERVED_PREFIXES = List.of("microsoft", "azure", "windows");
    private static final int BATCH = 500;

    /** One tag name: how many resources carry it, and its values with how many carry each. */
    record Usage(String name, long count, Map<String, Long> values) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectProvider<TrackedResources> types;

    TagNames(JdbcTemplate jdbc, ObjectProvider<TrackedResources> types) {
        this.jdbc = jdbc;
        this.types = types;
    }

    /**
     * Every tag name of the subscription, in name order (case-insensitive). Resources count where the caller may
     * read them; resource groups count for a caller allowed to read tags at the subscription.
     */
    @Transactional(readOnly = true)
    List<Usage> list(UUID subscriptionId, CallerIdentity caller) {
        Map<String, Counting> names = new TreeMap<>();
        jdbc.query("select name, value from predefined_tag_names n left join predefined_tag_values v"
                + " using (subscription_id, name_key) where n.subscription_id = ?", (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    String name = rs.getString(1);
                    String value = rs.getString(2);
                    Counting counting = names.computeIfAbsent(key(name), k -> new Counting(name));
                    if (value != null) {
                        counting.values.putIfAbsent(value, 0L);
                    }
                }, subscriptionId);
        jdbc.query("select t.key, t.value from resource_groups g cross join lateral jsonb_each_text(g.tags) t"
                + " where g.subscription_id = ?", (org.springframework.jdbc.core.RowCallbackHandler) rs -> count(names, rs.getString(1), rs.getString(2)), subscriptionId);
        types.orderedStream().forEach(type -> {
            String after = "";
            TrackedResources.Batch batch;
            do {
                batch = type.page(subscriptionId, null, after, BATCH, caller);
                batch.readable().forEach(resource -> resource.tags().forEach((name, value) -> count(names, name, value)));
                after = batch.lastKey();
            } while (!batch.exhausted());
        });
        return names.values().stream().map(c -> new Usage(c.name, c.count, c.values)).toList();
    }

    /** The one tag name's summary, if the subscription knows it at all. */
    @Transactional(readOnly = true)
    java.util.Optional<Usage> find(UUID subscriptionId, String name, CallerIdentity caller) {
        return list(subscriptionId, caller).stream().filter(u -> u.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Adds a predefined tag name; false when it was already one. */
    @Transactional
    boolean addName(UUID subscriptionId, String name) {
        Tags.validate(Map.of(name, ""));
        String lower = key(name);
        for (String prefix : RESERVED_PREFIXES) {
            if (lower.startsWith(prefix)) {
                throw ArmException.badRequest("InvalidTagName", "The tag name '" + Bounded.text(name) + "' starts with '"
                        + prefix + "', a prefix reserved for Azure (microsoft, azure, windows).", "tagName");
            }
        }
        return jdbc.update("insert into predefined_tag_names (subscription_id, name_key, name) values (?, ?, ?)"
                + " on conflict do nothing", subscriptionId, lower, name) > 0;
    }

    /** Adds a predefined value to a predefined tag name; false when it was already one. */
    @Transactional
    boolean addValue(UUID subscriptionId, String name, String value) {
        Tags.validate(Map.of(name, value));
        requirePredefined(subscriptionId, name);
        return jdbc.update("insert into predefined_tag_values (subscription_id, name_key, value) values (?, ?, ?)"
                + " on conflict do nothing", subscriptionId, key(name), value) > 0;
    }

    /**
     * Removes a predefined tag name; false when it was none. Refused while resources carry it or it still has
     * predefined values (ARM's rule: delete those first).
     */
    @Transactional
    boolean deleteName(UUID subscriptionId, String name, CallerIdentity caller) {
        if (!isPredefined(subscriptionId, name)) {
            return false;
        }
        Usage usage = find(subscriptionId, name, caller).orElseThrow();
        if (usage.count() > 0) {
            throw new ArmException(HttpStatus.CONFLICT, "TagNameInUse", "The tag name '" + Bounded.text(name)
                    + "' is used by " + usage.count() + " resource(s) or resource group(s); remove it from them first.");
        }
        if (!usage.values().isEmpty()) {
            throw new ArmException(HttpStatus.CONFLICT, "TagNameHasValues", "The tag name '" + Bounded.text(name)
                    + "' still has " + usage.values().size() + " predefined value(s); delete them first.");
        }
        return jdbc.update("delete from predefined_tag_names where subscription_id = ? and name_key = ?", subscriptionId,
                key(name)) > 0;
    }

    /** Removes a predefined value; false when it was none. Refused while resources carry the name with that value. */
    @Transactional
    boolean deleteValue(UUID subscriptionId, String name, String value, CallerIdentity caller) {
        Integer predefined = jdbc.queryForObject("select count(*) from predefined_tag_values where subscription_id = ?"
                + " and name_key = ? and value = ?", Integer.class, subscriptionId, key(name), value);
        if (predefined == null || predefined == 0) {
            return false;
        }
        long inUse = find(subscriptionId, name, caller).map(u -> u.values().getOrDefault(value, 0L)).orElse(0L);
        if (inUse > 0) {
            throw new ArmException(HttpStatus.CONFLICT, "TagValueInUse", "The value '" + Bounded.text(value)
                    + "' of tag '" + Bounded.text(name) + "' is used by " + inUse
                    + " resource(s) or resource group(s); remove it from them first.");
        }
        return jdbc.update("delete from predefined_tag_values where subscription_id = ? and name_key = ? and value = ?",
                subscriptionId, key(name), value) > 0;
    }

    /** A subscription's data is being deleted: its predefined tags go too. */
    @Transactional
    void forgetSubscription(UUID subscriptionId) {
        jdbc.update("delete from predefined_tag_values where subscription_id = ?", subscriptionId);
        jdbc.update("delete from predefined_tag_names where subscription_id = ?", subscriptionId);
    }

    private void requirePredefined(UUID subscriptionId, String name) {
        if (!isPredefined(subscriptionId, name)) {
            throw ArmException.notFound("TagNameNotFound", "The tag name '" + Bounded.text(name) + "' is not a"
                    + " predefined tag name of the subscription; create it first (PUT .../tagNames/{tagName}).");
        }
    }

    private boolean isPredefined(UUID subscriptionId, String name) {
        Integer rows = jdbc.queryForObject("select count(*) from predefined_tag_names where subscription_id = ?"
                + " and name_key = ?", Integer.class, subscriptionId, key(name));
        return rows != null && rows > 0;
    }

    private static void count(Map<String, Counting> names, String name, String value) {
        Counting counting = names.computeIfAbsent(key(name), k -> new Counting(name));
        counting.count++;
        counting.values.merge(value == null ? "" : value, 1L, Long::sum);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** A tag name's counts while they are added up. */
    private static final class Counting {
        final String name;
        long count;
        final Map<String, Long> values = new LinkedHashMap<>();

        Counting(String name) {
            this.name = name;
        }
    }
}

package dev.mooring.notifications;

import dev.mooring.arm.SystemData;
import dev.mooring.secrets.Sealed;
import dev.mooring.secrets.SecretBox;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code event_subscriptions} table: the resource's rows, its two sealed values (the endpoint URL, which may
 * carry a key in its query, and the signing secret; each bound to its row and purpose), and its delivery status.
 */
@Repository
class EventSubscriptionStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, subscription_id, scope, name, endpoint_base_url, included_event_types,"
            + " subject_begins_with, subject_ends_with, max_delivery_attempts, event_ttl_minutes, max_events_per_batch,"
            + " dead_letter, labels::text, provisioning_state, system_data::text, last_success_at, last_failure_at,"
            + " last_failure_reason, delivered_count, failure_count, dead_letter_count";

    private final JdbcTemplate jdbc;
    private final SecretBox box;

    EventSubscriptionStore(JdbcTemplate jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    Optional<EventSubscription> find(String scope, String name) {
        return jdbc.query("select " + COLUMNS + " from event_subscriptions where scope_key = ? and name_key = ?",
                ROW, EventSubscriptionSpec.key(scope), EventSubscriptionSpec.key(name)).stream().findFirst();
    }

    /** One page of the subscriptions at exactly this scope, by name, after {@code afterName} (or from the start). */
    List<EventSubscription> list(String scope, String afterName, int limit) {
        return jdbc.query("select " + COLUMNS + " from event_subscriptions where scope_key = ? and name_key > ?"
                + " order by name_key limit ?", ROW, EventSubscriptionSpec.key(scope),
                afterName == null ? "" : EventSubscriptionSpec.key(afterName), limit);
    }

    void insert(UUID id, UUID subscriptionId, String scope, String name, String baseUrl, EventSubscriptionSpec spec,
            String endpointUrl, String secret, SystemData systemData) {
        Sealed url = box.seal(endpointUrl.getBytes(StandardCharsets.UTF_8), urlPurpose(id));
        Sealed sealedSecret = box.seal(secret.getBytes(StandardCharsets.UTF_8), secretPurpose(id));
        jdbc.update("""
                insert into event_subscriptions (id, subscription_id, scope, scope_key, name, name_key, endpoint_base_url,
                    endpoint_url_key_id, endpoint_url_sealed, secret_key_id, secret_sealed, included_event_types,
                    subject_begins_with, subject_ends_with, max_delivery_attempts, event_ttl_minutes,
                    max_events_per_batch, dead_letter, labels, provisioning_state, system_data)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'Succeeded', ?::jsonb)""",
                id, subscriptionId, scope, EventSubscriptionSpec.key(scope), name, EventSubscriptionSpec.key(name), baseUrl,
                url.keyId(), url.ciphertext(), sealedSecret.keyId(), sealedSecret.ciphertext(),
                types(spec.filter().includedEventTypes()), spec.filter().subjectBeginsWith(),
                spec.filter().subjectEndsWith(), spec.maxDeliveryAttempts(), spec.eventTimeToLiveInMinutes(),
                spec.maxEventsPerBatch(), spec.deadLetter(), JSON.writeValueAsString(spec.labels()),
                JSON.writeValueAsString(systemData));
    }

    /** Replaces what a PUT defines; a new endpoint URL (already validated) is sealed anew and clears the backoff. */
    void update(UUID id, String baseUrl, EventSubscriptionSpec spec, Optional<String> newEndpointUrl,
            SystemData systemData) {
        jdbc.update("""
                update event_subscriptions set endpoint_base_url = ?, included_event_types = ?, subject_begins_with = ?,
                    subject_ends_with = ?, max_delivery_attempts = ?, event_ttl_minutes = ?, max_events_per_batch = ?,
                    dead_letter = ?, labels = ?::jsonb, system_data = ?::jsonb where id = ?""",
                baseUrl, types(spec.filter().includedEventTypes()), spec.filter().subjectBeginsWith(),
                spec.filter().subjectEndsWith(), spec.maxDeliveryAttempts(), spec.eventTimeToLiveInMinutes(),
                spec.maxEventsPerBatch(), spec.deadLetter(), JSON.writeValueAsString(spec.labels()),
                JSON.writeValueAsString(systemData), id);
        newEndpointUrl.ifPresent(url -> {
            Sealed sealed = box.seal(url.getBytes(StandardCharsets.UTF_8), urlPurpose(id));
            jdbc.update("update event_subscriptions set endpoint_url_key_id = ?, endpoint_url_sealed = ?,"
                    + " next_delivery_at = null, consecutive_failures = 0 where id = ?", sealed.keyId(),
                    sealed.ciphertext(), id);
        });
    }

    boolean delete(String scope, String name) {
        return jdbc.update("delete from event_subscriptions where scope_key = ? and name_key = ?",
                EventSubscriptionSpec.key(scope), EventSubscriptionSpec.key(name)) > 0;
    }

    /** Deletes the subscriptions at {@code scope} and at every scope under it. */
    int deleteAtOrUnder(String scope) {
        String key = EventSubscriptionSpec.key(scope);
        return jdbc.update("delete from event_subscriptions where scope_key = ? or starts_with(scope_key, ?)", key,
                key + "/");
    }

    String endpointUrl(UUID id) {
        return open(id, "endpoint_url", urlPurpose(id));
    }

    String secret(UUID id) {
        return open(id, "secret", secretPurpose(id));
    }

    /** Re-seals every value not under the active key. */
    int reencrypt() {
        int count = 0;
        for (String column : List.of("endpoint_url", "secret")) {
            List<UUID> ids = jdbc.queryForList("select id from event_subscriptions where " + column + "_key_id <> ?",
                    UUID.class, box.activeKeyId());
            for (UUID id : ids) {
                String purpose = column.equals("secret") ? secretPurpose(id) : urlPurpose(id);
                byte[] plain = openBytes(id, column, purpose);
                Sealed sealed = box.seal(plain, purpose);
                Arrays.fill(plain, (byte) 0);
                jdbc.update("update event_subscriptions set " + column + "_key_id = ?, " + column + "_sealed = ?"
                        + " where id = ?", sealed.keyId(), sealed.ciphertext(), id);
                count++;
            }
        }
        return count;
    }

    private String open(UUID id, String column, String purpose) {
        return new String(openBytes(id, column, purpose), StandardCharsets.UTF_8);
    }

    private byte[] openBytes(UUID id, String column, String purpose) {
        Sealed sealed = jdbc.queryForObject("select " + column + "_key_id, " + column + "_sealed from event_subscriptions"
                + " where id = ?", (rs, i) -> new Sealed(rs.getString(1), rs.getBytes(2)), id);
        return box.open(sealed, purpose);
    }

    private static String urlPurpose(UUID id) {
        return "eventSubscription/" + id + "/endpointUrl";
    }

    private static String secretPurpose(UUID id) {
        return "eventSubscription/" + id + "/signingSecret";
    }

    private String[] types(List<String> types) {
        return types == null ? null : types.toArray(String[]::new);
    }

    private static final RowMapper<EventSubscription> ROW = (rs, i) -> new EventSubscription(
            rs.getObject("id", UUID.class), rs.getObject("subscription_id", UUID.class), rs.getString("scope"),
            rs.getString("name"), rs.getString("endpoint_base_url"),
            new EventSubscriptionSpec.Filter(strings(rs.getArray("included_event_types")),
                    rs.getString("subject_begins_with"), rs.getString("subject_ends_with")),
            rs.getInt("max_delivery_attempts"), rs.getInt("event_ttl_minutes"), rs.getInt("max_events_per_batch"),
            rs.getBoolean("dead_letter"), JSON.readValue(rs.getString("labels"), new TypeReference<List<String>>() {
            }), rs.getString("provisioning_state"), JSON.readValue(rs.getString("system_data"), SystemData.class),
            new EventSubscription.DeliveryStatus(instant(rs, "last_success_at"), instant(rs, "last_failure_at"),
                    rs.getString("last_failure_reason"), rs.getLong("delivered_count"), rs.getLong("failure_count"),
                    rs.getLong("dead_letter_count")));

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : List.of((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}

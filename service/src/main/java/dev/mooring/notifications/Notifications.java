package dev.mooring.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox other features write facts into, inside their own transaction (the fact and its notification
 * commit together or not at all). Cluster facts already arrive through V60's triggers on {@code cluster_events},
 * {@code connected_clusters} and {@code source_control_configurations}; a feature with a new fact calls
 * {@link #record} from its transactional method, e.g. an extension's compliance:
 * <pre>{@code notifications.record(subscriptionId, extensionId, "Microsoft.KubernetesConfiguration.ExtensionComplianceChanged",
 *         Map.of("complianceState", before), Map.of("complianceState", after), true);}</pre>
 */
@Service
public class Notifications {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final java.time.Clock clock;

    Notifications(JdbcTemplate jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records that {@code subject} (an ARM resource id in {@code subscriptionId}) changed from {@code before} to
     * {@code after} (either may be null). With {@code debounce}, a change of the same subject and type still
     * waiting out the debounce window absorbs this one, and a change back to where it started cancels it.
     * Must run in the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID subscriptionId, String subject, String type, Map<String, ?> before, Map<String, ?> after,
            boolean debounce) {
        record(subscriptionId, subject, type, before, after, debounce, clock.instant());
    }

    void record(UUID subscriptionId, String subject, String type, Map<String, ?> before, Map<String, ?> after,
            boolean debounce, Instant at) {
        jdbc.queryForList("select record_notification(?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)", subscriptionId, subject,
                type, Timestamp.from(at), json(before), json(after), debounce);
    }

    private static String json(Map<String, ?> value) {
        return value == null ? null : JSON.writeValueAsString(value);
    }
}

package dev.mooring.clusters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The one rule that turns heartbeats into a cluster's connectivity status, never stored on the resource:
 * Expired when its agent's identity certificate has expired, Connecting until the agent is first heard,
 * Connected when heard within {@link #connectedWithin()} (the heartbeat interval times
 * {@code offline-after-intervals}), Offline after that. Java callers use {@link #status}; SQL callers use the
 * fragments built here from the same rule ({@link #statusSql}, {@link #conditionSql}), so the two cannot drift.
 */
@Component
public class ConnectivityPolicy {

    public static final String CONNECTING = "Connecting";
    public static final String CONNECTED = "Connected";
    public static final String OFFLINE = "Offline";
    public static final String EXPIRED = "Expired";
    /**
     * A refinement of Connecting shown only on the ARM resource (api-versions from 2024-12-01-preview): the agent
     * never onboarded and the cluster is older than {@code agent-not-installed-after}. The SQL views (sweep,
     * inventory) keep counting such clusters as Connecting.
     */
    public static final String AGENT_NOT_INSTALLED = "AgentNotInstalled";
    public static final List<String> STATUSES = List.of(CONNECTING, CONNECTED, OFFLINE, EXPIRED);

    private final ConnectivityProperties properties;
    private final Clock clock;

    ConnectivityPolicy(ConnectivityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** The cadence agents are told to beat at. */
    public Duration heartbeatInterval() {
        return properties.heartbeatInterval();
    }

    /** Agents spread their beats by ± this percentage of the interval. */
    public int jitterPercent() {
        return properties.jitterPercent();
    }

    /** Heard within this: Connected; later: Offline. */
    public Duration connectedWithin() {
        return properties.heartbeatInterval().multipliedBy(properties.offlineAfterIntervals());
    }

    /** The status at {@code now} of a cluster last heard at {@code lastSeen} whose identity expires at {@code identityExpires}. */
    public String status(Instant lastSeen, Instant identityExpires, Instant now) {
        return status(lastSeen, identityExpires, now, connectedWithin());
    }

    static String status(Instant lastSeen, Instant identityExpires, Instant now, Duration connectedWithin) {
        if (identityExpires != null && identityExpires.isBefore(now)) {
            return EXPIRED;
        }
        if (lastSeen == null) {
            return CONNECTING;
        }
        return lastSeen.isAfter(now.minus(connectedWithin)) ? CONNECTED : OFFLINE;
    }

    /** The cluster's status now, AgentNotInstalled included. */
    String of(ConnectedCluster cluster) {
        Instant now = clock.instant();
        String status = status(cluster.lastConnectivityTime(), cluster.managedIdentityCertificateExpirationTime(), now);
        boolean neverOnboarded = cluster.managedIdentityCertificateExpirationTime() == null;
        if (CONNECTING.equals(status) && neverOnboarded
                && !cluster.createdAt().plus(properties.agentNotInstalledAfter()).isAfter(now)) {
            return AGENT_NOT_INSTALLED;
        }
        return status;
    }

    /** {@code status} as api-versions whose connectivity enum lacks AgentNotInstalled show it. */
    static String withoutAgentNotInstalled(String status) {
        return AGENT_NOT_INSTALLED.equals(status) ? CONNECTING : status;
    }

    /** The heartbeat time after which a cluster reads Connected at {@code now}. */
    public Instant connectedAfter(Instant now) {
        return now.minus(connectedWithin());
    }

    /**
     * A SQL expression giving the status of a row whose last heartbeat is {@code lastSeen} and whose identity
     * expires at {@code identityExpires} (column expressions). Two bind parameters, in order: now and
     * {@link #connectedAfter(Instant)}.
     */
    public static String statusSql(String lastSeen, String identityExpires) {
        return "(case when " + identityExpires + " < ? then '" + EXPIRED + "' when " + lastSeen + " is null then '"
                + CONNECTING + "' when " + lastSeen + " > ? then '" + CONNECTED + "' else '" + OFFLINE + "' end)";
    }

    /** The bind arguments of {@link #statusSql} (as JDBC binds instants: UTC offset date-times). */
    public Object[] statusSqlArgs(Instant now) {
        return new Object[] {utc(now), utc(connectedAfter(now))};
    }

    /**
     * A SQL condition that holds exactly for rows in {@code status} (for indexes: no CASE around the columns).
     * Its bind arguments come from {@link #conditionSqlArgs}.
     */
    public static String conditionSql(String status, String lastSeen, String identityExpires) {
        String notExpired = "(" + identityExpires + " is null or " + identityExpires + " >= ?)";
        return switch (status) {
            case EXPIRED -> identityExpires + " < ?";
            case CONNECTING -> "(" + notExpired + " and " + lastSeen + " is null)";
            case CONNECTED -> "(" + notExpired + " and " + lastSeen + " > ?)";
            case OFFLINE -> "(" + notExpired + " and " + lastSeen + " <= ?)";
            default -> throw new IllegalArgumentException("Unknown connectivity status " + status);
        };
    }

    /** The bind arguments of {@link #conditionSql} for {@code status} at {@code now}. */
    public Object[] conditionSqlArgs(String status, Instant now) {
        return switch (status) {
            case EXPIRED, CONNECTING -> new Object[] {utc(now)};
            default -> new Object[] {utc(now), utc(connectedAfter(now))};
        };
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

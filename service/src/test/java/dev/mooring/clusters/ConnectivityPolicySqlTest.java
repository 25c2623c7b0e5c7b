package dev.mooring.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The connectivity rule has one source: for random heartbeat and identity-expiry times, PostgreSQL evaluating the
 * policy's SQL expression and its per-status conditions agrees with the policy's Java rule.
 */
class ConnectivityPolicySqlTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final ConnectivityPolicy POLICY = new ConnectivityPolicy(
            new ConnectivityProperties(Duration.ofMinutes(5), 25, 3, Duration.ofSeconds(30), Duration.ofHours(1)),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private static Connection connection;

    @BeforeContainer
    static void connect() throws SQLException {
        TestPostgres.Server server = TestPostgres.server();
        connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
    }

    @AfterContainer
    static void disconnect() throws SQLException {
        connection.close();
    }

    record Times(Instant lastSeen, Instant identityExpires) {
    }

    @Provide
    Arbitrary<Times> times() {
        // Offsets around the interesting edges (now, the Offline threshold), at microsecond precision as stored.
        Arbitrary<Instant> nearNow = Arbitraries.longs().between(-Duration.ofMinutes(40).toNanos() / 1000,
                Duration.ofMinutes(40).toNanos() / 1000).map(micros -> NOW.plusNanos(micros * 1000));
        Arbitrary<Instant> edges = Arbitraries.of(NOW, POLICY.connectedAfter(NOW),
                POLICY.connectedAfter(NOW).plusNanos(1000), NOW.minusNanos(1000));
        Arbitrary<Instant> instant = Arbitraries.oneOf(nearNow, edges);
        return Combinators.combine(instant.injectNull(0.2), instant.injectNull(0.5)).as(Times::new);
    }

    @Property(tries = 300)
    void sqlStatusAgreesWithTheJavaRule(@ForAll("times") Times times) throws SQLException {
        String expected = POLICY.status(times.lastSeen(), times.identityExpires(), NOW);
        String sql = "select " + ConnectivityPolicy.statusSql("t.last_seen", "t.expires") + " from " + row();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Object[] args = POLICY.statusSqlArgs(NOW);
            statement.setObject(1, args[0]);
            statement.setObject(2, args[1]);
            bindRow(statement, 3, times);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(expected);
            }
        }
    }

    @Property(tries = 300)
    void exactlyTheExpectedStatusConditionHolds(@ForAll("times") Times times) throws SQLException {
        String expected = POLICY.status(times.lastSeen(), times.identityExpires(), NOW);
        for (String status : ConnectivityPolicy.STATUSES) {
            String sql = "select count(*) from " + row() + " where "
                    + ConnectivityPolicy.conditionSql(status, "t.last_seen", "t.expires");
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int next = bindRow(statement, 1, times);
                for (Object arg : POLICY.conditionSqlArgs(status, NOW)) {
                    statement.setObject(next++, arg);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("condition for %s with %s", status, times)
                            .isEqualTo(status.equals(expected) ? 1 : 0);
                }
            }
        }
    }

    private static String row() {
        return "(select cast(? as timestamptz) as last_seen, cast(? as timestamptz) as expires) t";
    }

    private static int bindRow(PreparedStatement statement, int first, Times times) throws SQLException {
        statement.setObject(first, utc(times.lastSeen()));
        statement.setObject(first + 1, utc(times.identityExpires()));
        return first + 2;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

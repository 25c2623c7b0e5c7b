package dev.mooring.dataplane;

import static dev.mooring.testing.Eventually.eventually;
import static dev.mooring.testing.Eventually.eventuallyTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.configurations.LongPolls;
import dev.mooring.testing.TestPostgres;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The agent call path reads no database: the cluster, the certificate's revocation and the configuration version
 * are held in memory on every replica. These tests show the copies follow changes made anywhere (here written
 * over a connection of the test's own, as another replica would) and that a waiting long-poll queries nothing.
 */
class AgentPathCachesTest extends AgentTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    @Test
    void aCertificateRevokedByReOnboardingIsRefusedAtOnce() {
        Onboarded c = onboarded("revoked-here");
        TestAgent before = c.agent();
        String oldCall = before.callAuthorization(c.dataPlane());
        identity(oldCall, c).then().statusCode(200); // now held in memory
        before.accept(anonymous().contentType("application/json")
                .body(before.onboardBody(before.onboardingToken(c.dataPlane(), c.resourceId(), Duration.ofMinutes(4),
                        UUID.randomUUID().toString())))
                .post(c.path() + "/onboard").then().statusCode(200).extract().path("certificate"));
        identity(oldCall, c).then().statusCode(401).body("error.code", equalTo("AgentCertificateRevoked"));
        identity(before.callAuthorization(c.dataPlane()), c).then().statusCode(200);
    }

    @Test
    void aRevocationWrittenByAnotherReplicaReachesThisOne() throws SQLException {
        Onboarded c = onboarded("revoked-elsewhere");
        identity(c.agent().callAuthorization(c.dataPlane()), c).then().statusCode(200);
        elsewhere("update agent_certificates set revoked_at = now() where serial = ?",
                c.agent().certificate.getSerialNumber().toString(16));
        eventually(() -> identity(c.agent().callAuthorization(c.dataPlane()), c).then().statusCode(401)
                .body("error.code", equalTo("AgentCertificateRevoked")));
    }

    @Test
    void aClusterDeletedByAnotherReplicaRefusesItsAgent() throws SQLException {
        Onboarded c = onboarded("deleted-elsewhere");
        identity(c.agent().callAuthorization(c.dataPlane()), c).then().statusCode(200);
        elsewhere("delete from connected_clusters where id = ?::uuid", clusterId(c).toString());
        eventually(() -> identity(c.agent().callAuthorization(c.dataPlane()), c).then().statusCode(410)
                .body("error.code", equalTo("ClusterDeleted")));
    }

    /**
     * A version bumped with the announcement switched off (triggers disabled for that session) stays unseen by a
     * waiting poll, which shows the poll does not read the database while it waits; the announced change that
     * follows wakes it at once.
     */
    @Test
    void aWaitingLongPollQueriesNothingAndWakesOnTheAnnouncement() throws Exception {
        Onboarded c = onboarded("waiting");
        UUID cluster = clusterId(c);
        String etag = agent(c).get(c.path() + "/configurations").then().statusCode(200).extract().header("ETag");
        CompletableFuture<Response> poll = CompletableFuture.supplyAsync(() ->
                agent(c).header("If-None-Match", etag).get(c.path() + "/configurations?waitSeconds=30"));
        eventuallyTrue("the poll waits for a change", () -> LongPolls.waitedOn(context, cluster));

        try (Connection other = connection(); Statement silent = other.createStatement()) {
            silent.execute("set session_replication_role = replica"); // no triggers fire: no announcement
            silent.execute("insert into cluster_configuration_versions values ('" + cluster + "', 41)"
                    + " on conflict (cluster_id) do update set version = 41");
        }
        heartbeat(c, "1.30.2", 1).then().statusCode(200).body("configurationVersion", equalTo(etag));
        assertThat(poll).as("a silent change does not end the wait").isNotDone();
        assertThat(LongPolls.waitedOn(context, cluster)).isTrue();

        Instant announced = Instant.now();
        elsewhere("update cluster_configuration_versions set version = 42 where cluster_id = ?::uuid", cluster.toString());
        Response answer = poll.get();
        assertThat(Duration.between(announced, Instant.now())).isLessThan(Duration.ofSeconds(5));
        answer.then().statusCode(200);
        assertThat(answer.header("ETag")).isEqualTo("\"42\"");
    }

    private Response identity(String authorization, Onboarded c) {
        return anonymous().header("Authorization", authorization).get(c.path() + "/identity");
    }

    private UUID clusterId(Onboarded c) {
        return jdbc.queryForObject("select id from connected_clusters where subscription_id = ? and name_key = ?",
                UUID.class, c.tenant().subscriptionId(), c.name());
    }

    /** A write committed over a connection of its own, as another replica makes it. */
    private static void elsewhere(String sql, String parameter) throws SQLException {
        try (Connection other = connection(); PreparedStatement statement = other.prepareStatement(sql)) {
            statement.setString(1, parameter);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    private static Connection connection() throws SQLException {
        TestPostgres.Server db = TestPostgres.server();
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }
}

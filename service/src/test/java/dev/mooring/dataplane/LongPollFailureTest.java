package dev.mooring.dataplane;

import static dev.mooring.testing.Eventually.eventuallyTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.configurations.LongPolls;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A waiting long-poll is answered off the request thread; when the database fails it then, the agent still gets
 * the data plane's ARM-format error (here: the woken poll's read waits on a lock past the lock timeout), never a 500.
 */
class LongPollFailureTest extends AgentTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ApplicationContext context;

    @Test
    void aDatabaseFailureAfterTheWaitAnswersAnArmErrorNotA500() throws Exception {
        Onboarded c = onboarded("failing");
        String etag = agent(c).get(c.path() + "/configurations").then().statusCode(200).extract().header("ETag");
        UUID clusterId = clusterIdOf(c);
        CompletableFuture<Response> poll = CompletableFuture.supplyAsync(() ->
                agent(c).header("If-None-Match", etag).get(c.path() + "/configurations?waitSeconds=30"));
        eventuallyTrue("the poll waits for a change", () -> LongPolls.waitedOn(context, clusterId));
        try (Connection locker = dataSource.getConnection(); Statement statement = locker.createStatement()) {
            locker.setAutoCommit(false);
            statement.execute("lock table cluster_configuration_versions in access exclusive mode");
            // Announced as a change: the replica drops its copy and the woken poll must read the version afresh.
            jdbc.queryForObject("select pg_notify('configuration_versions_changed', ?)", String.class,
                    clusterId.toString());
            Response answer = poll.get(20, TimeUnit.SECONDS);
            locker.rollback();
            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(answer.header("Retry-After")).isNotNull();
            assertThat(answer.jsonPath().getString("error.code")).isEqualTo("Conflict");
        }
        assertThat(LongPolls.waitedOn(context, clusterId)).isFalse();
        agent(c).header("If-None-Match", etag).get(c.path() + "/configurations").then().statusCode(304);
    }
}

package dev.mooring.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.testing.ServiceTest;
import dev.mooring.testing.TestPostgres;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A row lock held elsewhere costs a request the lock timeout (3 s), not the lock holder's whole transaction. */
class DatabaseLimitsTest extends ServiceTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void everySessionCarriesTheLimits() {
        assertThat(jdbc.queryForObject("show statement_timeout", String.class)).isEqualTo("15s");
        assertThat(jdbc.queryForObject("show lock_timeout", String.class)).isEqualTo("3s");
        assertThat(jdbc.queryForObject("show idle_in_transaction_session_timeout", String.class)).isEqualTo("30s");
    }

    @Test
    void aWriteBlockedByAHeldRowLockAnswersQuicklyAndAsksForARetry() throws Exception {
        Tenant t = newTenant();
        String rg = t.subscriptionPath() + "/resourceGroups/locked?api-version=2021-04-01";
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}").put(rg).then().statusCode(201);
        TestPostgres.Server server = TestPostgres.server();
        try (Connection holder = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                ExecutorService client = Executors.newSingleThreadExecutor()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "select * from resource_groups where subscription_id = ? for update")) {
                lock.setObject(1, t.subscriptionId());
                lock.executeQuery().close();
            }
            long started = System.nanoTime();
            Future<Response> put = client.submit(() -> as(t.owner()).contentType("application/json")
                    .body("{\"location\":\"eastus\",\"tags\":{\"a\":\"b\"}}").put(rg));
            Response answer;
            try {
                answer = put.get(20, TimeUnit.SECONDS);
            } finally {
                holder.rollback();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(answer.header("Retry-After")).isNotNull();
            assertThat(answer.jsonPath().getString("error.code")).isEqualTo("Conflict");
        }
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"tags\":{\"a\":\"b\"}}").put(rg)
                .then().statusCode(200);
    }
}

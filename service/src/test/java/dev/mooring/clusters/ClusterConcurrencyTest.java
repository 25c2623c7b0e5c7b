package dev.mooring.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writers racing on one cluster never lose an update, and writes wait for a running operation. The
 * worker is off here, so a creation operation stays running for as long as the test looks.
 */
@TestPropertySource(properties = "mooring.scheduling.enabled=false")
class ClusterConcurrencyTest extends ClusterTest {

    @Autowired
    ConnectedClusterRepository repository;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aWriteWhileAnOperationRunsIs409AnotherOperationInProgress() {
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "busy", V2024)).then().statusCode(201);
        as(t.owner()).contentType("application/json").body("{\"tags\":{}}").patch(cluster(t, "busy", V2024))
                .then().statusCode(409).body("error.code", equalTo("AnotherOperationInProgress"));
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "busy", V2024)).then().statusCode(409);
        as(t.owner()).delete(cluster(t, "busy", V2024)).then().statusCode(409);
        as(t.owner()).get(cluster(t, "busy", V2024)).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Accepted"));
    }

    @Test
    void twoWritersWithTheSameVersionCannotBothWin() {
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "raced", V2024)).then().statusCode(201);
        ConnectedCluster.Key key = ConnectedCluster.Key.of(t.subscriptionId(), "rg", "raced");
        ConnectedCluster first = transactions.execute(s -> repository.findById(key).orElseThrow());
        ConnectedCluster second = transactions.execute(s -> repository.findById(key).orElseThrow());
        var actor = new dev.mooring.arm.SystemData.Actor("writer", "User");
        first.patch(ClusterPatch.tagsOnly(java.util.Map.of("writer", "one")), actor, java.time.Instant.now());
        second.patch(ClusterPatch.tagsOnly(java.util.Map.of("writer", "two")), actor, java.time.Instant.now());
        transactions.executeWithoutResult(s -> repository.save(first));
        assertThatThrownBy(() -> transactions.executeWithoutResult(s -> repository.save(second)))
                .isInstanceOf(ObjectOptimisticLockingFailureException.class);
        assertThat(repository.findById(key).orElseThrow().tags()).containsEntry("writer", "one");
    }

    @Test
    void ifMatchLetsOnlyOneOfTwoWritersHoldingTheSameEtagSucceed() {
        Tenant t = readyTenant();
        String id = cluster(t, "etagged", V2024);
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any())).put(id)
                .then().statusCode(201);
        // Finish the creation by hand: the worker is off in this test class.
        transactions.executeWithoutResult(s -> repository.markProvisioned(t.subscriptionId(), "rg", "etagged"));
        jdbcFinishOperations(t);
        String etag = as(t.owner()).get(id).then().statusCode(200).extract().header("ETag");
        as(t.owner()).header("If-Match", etag).contentType("application/json").body("{\"tags\":{\"w\":\"1\"}}").patch(id)
                .then().statusCode(200);
        as(t.owner()).header("If-Match", etag).contentType("application/json").body("{\"tags\":{\"w\":\"2\"}}").patch(id)
                .then().statusCode(412);
        as(t.owner()).get(id).then().body("tags.w", equalTo("1"));
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private void jdbcFinishOperations(Tenant t) {
        jdbc.update("update async_operations set status = 'Succeeded', end_time = now() where subscription_id = ?",
                t.subscriptionId());
    }

}

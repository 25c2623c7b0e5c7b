package dev.mooring.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No zombie clusters: a cluster is never acknowledged into a group that is being deleted, and a creation
 * whose cluster vanished meanwhile ends Failed. A delete that failed leaves the cluster Failed and deletable. The
 * worker is off so that operations stay pending; the tests run handlers and record failures as the worker does.
 */
@TestPropertySource(properties = "mooring.scheduling.enabled=false")
class ClusterParentDeletingTest extends ClusterTest {

    @Autowired
    ClusterCreation creation;

    @Autowired
    ClusterDeletion deletion;

    @Autowired
    AsyncOperations operations;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    /** Runs the creation as the worker does: inside a transaction. */
    private int runCreation(AsyncOperation operation) {
        return new TransactionTemplate(transactionManager).execute(status -> creation.run(operation));
    }

    @Test
    void aClusterPutIntoAGroupBeingDeletedIsRefused() {
        Tenant t = readyTenant();
        as(t.owner()).delete(t.subscriptionPath() + "/resourceGroups/rg?api-version=2021-04-01").then().statusCode(202);

        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.pkcs1(OnboardingKeys.rsa(2048))))
                .put(cluster(t, "late", V2024)).then().statusCode(409)
                .body("error.code", equalTo("ResourceGroupBeingDeleted"));
        as(t.owner()).get(cluster(t, "late", V2024)).then().statusCode(404);
    }

    @Test
    void aCreationWhoseClusterVanishedFails() {
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.pkcs1(OnboardingKeys.rsa(2048))))
                .put(cluster(t, "vanishing", V2024)).then().statusCode(201);
        String resourceId = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/vanishing";
        AsyncOperation create = operations.runningUnder(resourceId).getFirst();
        jdbc.update("delete from connected_clusters where subscription_id = ? and name_key = 'vanishing'", t.subscriptionId());

        assertThatThrownBy(() -> runCreation(create)).isInstanceOfSatisfying(ArmException.class,
                e -> assertThat(e.error().code()).isEqualTo("ResourceNotFound"));
    }

    @Test
    void aRerunCreationOfAProvisionedClusterStillSucceeds() {
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.pkcs1(OnboardingKeys.rsa(2048))))
                .put(cluster(t, "twice", V2024)).then().statusCode(201);
        String resourceId = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/twice";
        AsyncOperation create = operations.runningUnder(resourceId).getFirst();

        assertThat(runCreation(create)).isEqualTo(200);
        assertThat(runCreation(create)).isEqualTo(200);
        as(t.owner()).get(cluster(t, "twice", V2024)).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    void aFailedDeleteLeavesTheClusterFailedAndDeletable() {
        Tenant t = readyTenant();
        String path = cluster(t, "sticky", V2024);
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.pkcs1(OnboardingKeys.rsa(2048))))
                .put(path).then().statusCode(201);
        String resourceId = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/sticky";
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        AsyncOperation create = operations.runningUnder(resourceId).getFirst();
        transactions.executeWithoutResult(status -> {
            creation.run(create);
            jdbc.update("update async_operations set status = 'Succeeded' where id = ?", create.id());
        });
        as(t.owner()).delete(path).then().statusCode(202);
        as(t.owner()).get(path).then().body("properties.provisioningState", equalTo("Deleting"));

        AsyncOperation delete = operations.runningUnder(resourceId).getFirst();
        transactions.executeWithoutResult(status -> {
            jdbc.update("update async_operations set status = 'Failed' where id = ?", delete.id());
            deletion.failed(delete);
        });

        as(t.owner()).get(path).then().statusCode(200).body("properties.provisioningState", equalTo("Failed"));
        as(t.owner()).delete(path).then().statusCode(202);
    }
}

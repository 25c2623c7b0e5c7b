package dev.mooring.clusters;

import static org.hamcrest.Matchers.equalTo;

import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A delete that failed leaves the cluster where the user can act again: Failed, and DELETE accepted. The worker
 * is off; the test records the failure as the worker does (operation Failed, then the handler's failed hook).
 */
@TestPropertySource(properties = "mooring.scheduling.enabled=false")
class ClusterFailedDeleteTest extends ClusterTest {

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

package dev.mooring.tenancy;

import static org.hamcrest.Matchers.equalTo;

import dev.mooring.testing.ServiceTest;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * While a group's delete operation is pending the group reads Deleting and refuses writes. The worker is
 * switched off here so that the operation stays pending for as long as the test looks.
 */
@TestPropertySource(properties = "mooring.scheduling.enabled=false")
class ResourceGroupDeletingTest extends ServiceTest {

    private static final String V = "?api-version=2021-04-01";

    @Test
    void aGroupBeingDeletedReadsDeletingAndRefusesWrites() {
        Tenant t = newTenant();
        String rg = t.subscriptionPath() + "/resourceGroups/going" + V;
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}").put(rg).then().statusCode(201);
        as(t.owner()).delete(rg).then().statusCode(202);

        as(t.owner()).get(rg).then().statusCode(200).body("properties.provisioningState", equalTo("Deleting"));
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}").put(rg).then().statusCode(409)
                .body("error.code", equalTo("ResourceGroupBeingDeleted"));
        as(t.owner()).contentType("application/json").body("{\"tags\":{}}").patch(rg).then().statusCode(409);
        as(t.owner()).delete(rg).then().statusCode(409);
    }

    @Autowired
    ResourceGroupDeletion deletion;

    @Autowired
    AsyncOperations operations;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void aFailedDeleteLeavesTheGroupFailedAndDeletable() {
        Tenant t = newTenant();
        String rg = t.subscriptionPath() + "/resourceGroups/stuck" + V;
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}").put(rg).then().statusCode(201);
        as(t.owner()).delete(rg).then().statusCode(202);
        AsyncOperation delete = operations.runningUnder(t.subscriptionPath() + "/resourceGroups/stuck").getFirst();

        // What the worker does when the operation fails for good.
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            jdbc.update("update async_operations set status = 'Failed' where id = ?", delete.id());
            deletion.failed(delete);
        });

        as(t.owner()).get(rg).then().statusCode(200).body("properties.provisioningState", equalTo("Failed"));
        as(t.owner()).delete(rg).then().statusCode(202);
    }
}

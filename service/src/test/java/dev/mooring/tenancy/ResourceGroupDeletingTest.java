package dev.mooring.tenancy;

import static org.hamcrest.Matchers.equalTo;

import dev.mooring.testing.ServiceTest;
import org.junit.jupiter.api.Test;
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
}

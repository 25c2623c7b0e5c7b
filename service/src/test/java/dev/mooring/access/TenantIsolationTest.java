package dev.mooring.access;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import dev.mooring.testing.ServiceTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Another tenant's token, even with the same object id as an owner, reads and writes nothing. */
class TenantIsolationTest extends ServiceTest {

    @Test
    void anotherTenantsTokenGets401EverywhereAndChangesNothing() {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"tags\":{\"k\":\"v\"}}")
                .put(t.subscriptionPath() + "/resourcegroups/private?api-version=2021-04-01").then().statusCode(201);
        String intruder = idp.user(UUID.randomUUID().toString(), t.ownerId().toString()).roles("Platform.Admin").sign();
        String sub = t.subscriptionPath();
        List<String> reads = List.of(sub + "/resourcegroups?api-version=2021-04-01",
                sub + "/resourcegroups/private?api-version=2021-04-01",
                sub + "/providers?api-version=2021-04-01",
                sub + "/providers/Microsoft.Kubernetes?api-version=2021-04-01",
                sub + "/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01",
                sub + "/locations?api-version=2022-12-01");
        for (String path : reads) {
            as(intruder).get(path).then().statusCode(401)
                    .body("error.code", equalTo("InvalidAuthenticationTokenTenant"))
                    .body(not(containsString("private")))
                    .body(not(containsString(t.tenantId().toString())));
        }
        as(intruder).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(sub + "/resourcegroups/private?api-version=2021-04-01").then().statusCode(401);
        as(intruder).contentType("application/json").body("{\"tags\":{}}")
                .patch(sub + "/resourcegroups/private?api-version=2021-04-01").then().statusCode(401);
        as(intruder).delete(sub + "/resourcegroups/private?api-version=2021-04-01").then().statusCode(401);
        as(intruder).post(sub + "/providers/Microsoft.Kubernetes/register?api-version=2021-04-01").then().statusCode(401);

        as(t.owner()).get(sub + "/resourcegroups/private?api-version=2021-04-01").then().statusCode(200)
                .body("tags.k", equalTo("v"))
                .body("properties.provisioningState", equalTo("Succeeded"));
        as(t.owner()).get(sub + "/providers/Microsoft.Kubernetes?api-version=2021-04-01").then()
                .body("registrationState", equalTo("NotRegistered"));
    }
}

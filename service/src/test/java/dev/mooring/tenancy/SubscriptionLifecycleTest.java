package dev.mooring.tenancy;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.access.BuiltInRoles;
import dev.mooring.testing.ServiceTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ARM's subscription lifecycle notification and what each state allows. */
class SubscriptionLifecycleTest extends ServiceTest {

    private static final String V2 = "?api-version=2.0";
    private final String admin = idp.anyUser().roles("Platform.Admin").sign();

    private static String notification(String state, UUID tenant) {
        return "{\"state\":\"" + state + "\",\"registrationDate\":\"Mon, 16 Nov 2026 10:00:00 GMT\","
                + "\"properties\":{\"tenantId\":\"" + tenant + "\",\"locationPlacementId\":\"Public_2014-09-01\","
                + "\"quotaId\":\"PayAsYouGo_2014-09-01\",\"registeredFeatures\":[{\"name\":\"f1\",\"state\":\"Registered\"}]}}";
    }

    @Test
    void onlyPlatformAdministratorsSendNotificationsAndTheyAreIdempotent() {
        UUID subscription = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        as(idp.user(tenant.toString(), UUID.randomUUID().toString()).sign()).contentType("application/json")
                .body(notification("Registered", tenant)).put("/subscriptions/" + subscription + V2).then().statusCode(403);
        for (int i = 0; i < 2; i++) {
            as(admin).contentType("application/json").body(notification("Registered", tenant))
                    .put("/subscriptions/" + subscription + V2).then().statusCode(200)
                    .body("state", equalTo("Registered"))
                    .body("properties.tenantId", equalTo(tenant.toString()))
                    .body("properties.quotaId", equalTo("PayAsYouGo_2014-09-01"));
        }
        as(admin).contentType("application/json").body(notification("Registered", UUID.randomUUID()))
                .put("/subscriptions/" + subscription + V2).then().statusCode(409);
        as(admin).contentType("application/json").body(notification("Sleeping", tenant))
                .put("/subscriptions/" + subscription + V2).then().statusCode(400);
        as(admin).contentType("application/json").body(notification("Registered", tenant))
                .put("/subscriptions/" + subscription + "?api-version=2021-04-01").then().statusCode(400)
                .body("error.code", equalTo("InvalidApiVersionParameter"));
        // Unregistered for a subscription never seen: 200, nothing stored.
        UUID unknown = UUID.randomUUID();
        as(admin).contentType("application/json").body(notification("Unregistered", tenant))
                .put("/subscriptions/" + unknown + V2).then().statusCode(200);
    }

    @Test
    void eachStateAllowsWhatTheContractSays() {
        Tenant t = newTenant();
        String rg = t.subscriptionPath() + "/resourcegroups/";
        String v = "?api-version=2021-04-01";
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}").put(rg + "keep" + v).then().statusCode(201);
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}").put(rg + "drop" + v).then().statusCode(201);

        for (String state : new String[] {"Warned", "Suspended"}) {
            setState(t, state);
            as(t.owner()).get(rg + "keep" + v).then().statusCode(200);
            as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}").put(rg + "new" + v).then()
                    .statusCode(409).body("error.code", equalTo("InvalidSubscriptionState"));
            as(t.owner()).contentType("application/json").body("{\"tags\":{}}").patch(rg + "keep" + v).then().statusCode(409);
            as(t.owner()).post(t.subscriptionPath() + "/providers/Microsoft.Kubernetes/register?api-version=2021-04-01")
                    .then().statusCode(409);
        }
        as(t.owner()).delete(rg + "drop" + v).then().statusCode(202);

        setState(t, "Unregistered");
        as(t.owner()).get(rg + "keep" + v).then().statusCode(200);
        as(t.owner()).delete(rg + "keep" + v).then().statusCode(409);

        setState(t, "Registered");
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}").put(rg + "new" + v).then().statusCode(201);
    }

    @Test
    void deletedRemovesAllTheSubscriptionsDataAsynchronously() throws Exception {
        Tenant t = newTenant();
        String v = "?api-version=2021-04-01";
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/a" + v).then().statusCode(201);
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/b" + v).then().statusCode(201);
        UUID reader = UUID.randomUUID();
        roleAssignments.grantAtSubscription(t.subscriptionId(), t.tenantId(), BuiltInRoles.READER, reader, "User", "t");
        as(t.owner()).post(t.subscriptionPath() + "/providers/Microsoft.Kubernetes/register" + v).then().statusCode(200);

        setState(t, "Deleted");
        eventually(() -> assertThat(as(t.owner()).get(t.subscriptionPath() + "/resourcegroups/a" + v).statusCode())
                .isNotEqualTo(200));
        // Deleted allows GET; every role assignment went with the data, so the owner now sees nothing.
        as(t.owner()).get(t.subscriptionPath() + "?api-version=2022-12-01").then().statusCode(404);
        as(t.owner()).get(t.subscriptionPath() + "/resourcegroups/a" + v).then().statusCode(403);
        setState(t, "Registered");
        roleAssignments.grantAtSubscription(t.subscriptionId(), t.tenantId(), BuiltInRoles.OWNER, t.ownerId(), "User", "t");
        as(t.owner()).get(t.subscriptionPath() + "/resourcegroups" + v).then().statusCode(200).body("value.size()", equalTo(0));
        as(t.owner()).get(t.subscriptionPath() + "/providers/Microsoft.Kubernetes" + v).then()
                .body("registrationState", equalTo("NotRegistered"));
        as(t.user(reader)).get(t.subscriptionPath() + "?api-version=2022-12-01").then().statusCode(404);
    }

    private void setState(Tenant t, String state) {
        as(admin).contentType("application/json").body(notification(state, t.tenantId()))
                .put(t.subscriptionPath() + V2).then().statusCode(200).body("state", equalTo(state));
    }
}

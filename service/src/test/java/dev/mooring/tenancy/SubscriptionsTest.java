package dev.mooring.tenancy;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.mooring.access.BuiltInRoles;
import dev.mooring.testing.ServiceTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubscriptionsTest extends ServiceTest {

    private final UUID tenant = UUID.randomUUID();
    private final UUID subscription = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();
    private final UUID group = UUID.randomUUID();

    @BeforeEach
    void seed() {
        subscriptions.ensureRegistered(subscription, tenant, "Team subscription");
        roleAssignments.grantAtSubscription(subscription, tenant, BuiltInRoles.OWNER, owner, "User", "test");
        roleAssignments.grantAtSubscription(subscription, tenant, BuiltInRoles.OWNER, group, "Group", "test");
    }

    @Test
    void anOwnerListsAndReadsItsSubscription() {
        String token = idp.user(tenant.toString(), owner.toString()).sign();
        as(token).get("/subscriptions?api-version=2022-12-01").then().statusCode(200)
                .body("value.subscriptionId", hasItem(subscription.toString()))
                .body("value.size()", equalTo(1))
                .body("count.value", equalTo(1));
        as(token).get("/subscriptions/" + subscription + "?api-version=2022-12-01").then().statusCode(200)
                .body("id", equalTo("/subscriptions/" + subscription))
                .body("tenantId", equalTo(tenant.toString()))
                .body("displayName", equalTo("Team subscription"))
                .body("state", equalTo("Enabled"))
                .body("authorizationSource", equalTo("RoleBased"));
    }

    @Test
    void membershipOfAGroupWithARoleIsEnough() {
        String token = idp.user(tenant.toString(), UUID.randomUUID().toString()).groups(group.toString()).sign();
        as(token).get("/subscriptions/" + subscription + "?api-version=2022-12-01").then().statusCode(200);
    }

    @Test
    void aUserOfTheSameTenantWithoutARoleSeesNothing() {
        String token = idp.user(tenant.toString(), UUID.randomUUID().toString()).sign();
        as(token).get("/subscriptions?api-version=2022-12-01").then().statusCode(200)
                .body("value.size()", equalTo(0));
        as(token).get("/subscriptions/" + subscription + "?api-version=2022-12-01").then().statusCode(404)
                .body("error.code", equalTo("SubscriptionNotFound"));
    }

    @Test
    void anotherTenantsTokenIsRefusedAndLearnsNothing() {
        // Same object id as the owner, but issued by another tenant.
        String token = idp.user(UUID.randomUUID().toString(), owner.toString()).sign();
        as(token).get("/subscriptions/" + subscription + "?api-version=2022-12-01").then().statusCode(401)
                .body("error.code", equalTo("InvalidAuthenticationTokenTenant"))
                .body(not(containsString(tenant.toString())))
                .body(not(containsString("Team subscription")));
        as(token).get("/subscriptions?api-version=2022-12-01").then().statusCode(200)
                .body("value.size()", equalTo(0));
    }

    @Test
    void apiVersionIsRequiredAndChecked() {
        String token = idp.user(tenant.toString(), owner.toString()).sign();
        as(token).get("/subscriptions").then().statusCode(400)
                .body("error.code", equalTo("MissingApiVersionParameter"));
        as(token).get("/subscriptions/" + subscription + "?api-version=1999-01-01").then().statusCode(400)
                .body("error.code", equalTo("InvalidApiVersionParameter"))
                .body("error.message", containsString("2022-12-01"));
    }

    @Test
    void aMalformedSubscriptionIdIsABadRequest() {
        String token = idp.user(tenant.toString(), owner.toString()).sign();
        as(token).get("/subscriptions/not-a-guid?api-version=2022-12-01").then().statusCode(400)
                .body("error.code", equalTo("InvalidSubscriptionId"));
    }
}

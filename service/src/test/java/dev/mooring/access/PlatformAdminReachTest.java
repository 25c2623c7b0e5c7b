package dev.mooring.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.testing.ServiceTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Platform.Admin may seed a new subscription's first Owner, at subscription scope, and nothing more; each use is logged. */
@ExtendWith(OutputCaptureExtension.class)
class PlatformAdminReachTest extends ServiceTest {

    private static final String V = "?api-version=2022-04-01";

    private static String body(UUID role, UUID principal) {
        return RoleAssignmentsApiTest.body(role, principal);
    }

    private static String assignment(String scope, UUID name) {
        return scope + "/providers/Microsoft.Authorization/roleAssignments/" + name + V;
    }

    private final String admin = idp.anyUser().roles("Platform.Admin").sign();

    @Test
    void theAdminSeedsTheFirstOwnerOfAnOwnerlessSubscriptionAndTheUseIsAuditLogged(CapturedOutput output) {
        UUID subscription = newTenantWithoutOwner().subscriptionId();
        UUID owner = UUID.randomUUID();
        String scope = "/subscriptions/" + subscription;
        as(admin).contentType("application/json").body(body(BuiltInRoles.OWNER, owner))
                .put(assignment(scope, UUID.randomUUID())).then().statusCode(201);
        assertThat(output.getAll()).contains("Platform.Admin").contains("first Owner").contains(owner.toString())
                .contains(subscription.toString());
        // Now the subscription has an Owner: a second seeding is refused.
        as(admin).contentType("application/json").body(body(BuiltInRoles.OWNER, UUID.randomUUID()))
                .put(assignment(scope, UUID.randomUUID())).then().statusCode(403)
                .body("error.code", equalTo("AuthorizationFailed"));
    }

    @Test
    void theAdminCannotGrantOtherRolesScopesOrOwnedSubscriptionsNorDelete() {
        Tenant t = newTenant();
        as(admin).contentType("application/json").body(body(BuiltInRoles.OWNER, UUID.randomUUID()))
                .put(assignment(t.subscriptionPath(), UUID.randomUUID())).then().statusCode(403);
        UUID subscription = newTenantWithoutOwner().subscriptionId();
        String scope = "/subscriptions/" + subscription;
        as(admin).contentType("application/json").body(body(BuiltInRoles.CONTRIBUTOR, UUID.randomUUID()))
                .put(assignment(scope, UUID.randomUUID())).then().statusCode(403);
        as(admin).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01");
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        as(admin).contentType("application/json").body(body(BuiltInRoles.OWNER, UUID.randomUUID()))
                .put(assignment(t.subscriptionPath() + "/resourceGroups/rg", UUID.randomUUID())).then().statusCode(403);
        UUID existing = UUID.randomUUID();
        as(t.owner()).contentType("application/json").body(body(BuiltInRoles.READER, UUID.randomUUID()))
                .put(assignment(t.subscriptionPath(), existing)).then().statusCode(201);
        as(admin).delete(assignment(t.subscriptionPath(), existing)).then().statusCode(401);
        as(t.owner()).get(assignment(t.subscriptionPath(), existing)).then().statusCode(200);
    }
}

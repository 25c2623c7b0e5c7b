package dev.mooring.access;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.mooring.testing.ServiceTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoleAssignmentsApiTest extends ServiceTest {

    private static final String V = "?api-version=2022-04-01";

    /** A role assignment's PUT body granting {@code role} to the user {@code principal}. */
    static String body(UUID role, UUID principal) {
        return "{\"properties\":{\"roleDefinitionId\":\"/providers/Microsoft.Authorization/roleDefinitions/" + role
                + "\",\"principalId\":\"" + principal + "\",\"principalType\":\"User\"}}";
    }

    private static String at(Tenant t, UUID name) {
        return t.subscriptionPath() + "/providers/Microsoft.Authorization/roleAssignments/" + name + V;
    }

    @Test
    void anOwnerGrantsAndRevokesAndTheChangeTakesEffectAtOnce() {
        Tenant t = newTenant();
        UUID reader = UUID.randomUUID();
        UUID name = UUID.randomUUID();
        as(t.user(reader)).get(t.subscriptionPath() + "/resourcegroups?api-version=2021-04-01").then()
                .statusCode(200).body("value.size()", equalTo(0));
        as(t.user(reader)).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(403);

        as(t.owner()).contentType("application/json").body(body(BuiltInRoles.CONTRIBUTOR, reader)).put(at(t, name))
                .then().statusCode(201)
                .body("id", equalTo(t.subscriptionPath() + "/providers/Microsoft.Authorization/roleAssignments/" + name))
                .body("name", equalTo(name.toString()))
                .body("type", equalTo("Microsoft.Authorization/roleAssignments"))
                .body("properties.roleDefinitionId", equalTo(t.subscriptionPath()
                        + "/providers/Microsoft.Authorization/roleDefinitions/" + BuiltInRoles.CONTRIBUTOR))
                .body("properties.principalId", equalTo(reader.toString()))
                .body("properties.scope", equalTo(t.subscriptionPath()))
                .body("properties.createdBy", equalTo(t.ownerId().toString()));
        as(t.user(reader)).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        // Idempotent re-PUT; a different grant under the same name is refused.
        as(t.owner()).contentType("application/json").body(body(BuiltInRoles.CONTRIBUTOR, reader)).put(at(t, name))
                .then().statusCode(200);
        as(t.owner()).contentType("application/json").body(body(BuiltInRoles.READER, reader)).put(at(t, name))
                .then().statusCode(400).body("error.code", equalTo("RoleAssignmentUpdateNotPermitted"));
        as(t.owner()).contentType("application/json").body(body(BuiltInRoles.CONTRIBUTOR, reader))
                .put(at(t, UUID.randomUUID())).then().statusCode(409).body("error.code", equalTo("RoleAssignmentExists"));

        as(t.owner()).delete(at(t, name)).then().statusCode(200).body("name", equalTo(name.toString()));
        as(t.owner()).delete(at(t, name)).then().statusCode(204);
        as(t.user(reader)).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg2?api-version=2021-04-01").then().statusCode(403);
    }

    @Test
    void creatingAnAssignmentNeedsRoleAssignmentsWrite() {
        Tenant t = newTenant();
        UUID contributor = UUID.randomUUID();
        roleAssignments.grantAtSubscription(t.subscriptionId(), t.tenantId(), BuiltInRoles.CONTRIBUTOR, contributor,
                "User", "test");
        as(t.user(contributor)).contentType("application/json").body(body(BuiltInRoles.OWNER, contributor))
                .put(at(t, UUID.randomUUID())).then().statusCode(403)
                .body("error.code", equalTo("AuthorizationFailed"))
                .body("error.message", containsString("Microsoft.Authorization/roleAssignments/write"))
                .body("error.message", containsString(contributor.toString()))
                .body("error.message", containsString(t.subscriptionPath()));
        UUID accessAdmin = UUID.randomUUID();
        roleAssignments.grantAtSubscription(t.subscriptionId(), t.tenantId(), BuiltInRoles.USER_ACCESS_ADMINISTRATOR,
                accessAdmin, "User", "test");
        as(t.user(accessAdmin)).contentType("application/json").body(body(BuiltInRoles.READER, UUID.randomUUID()))
                .put(at(t, UUID.randomUUID())).then().statusCode(201);
    }

    @Test
    void aPlatformAdministratorOfAnotherTenantMayAssignTheFirstOwner() {
        Tenant t = newTenantWithoutOwner();
        String admin = idp.anyUser().roles("Platform.Admin").sign();
        UUID newOwner = UUID.randomUUID();
        as(admin).contentType("application/json").body(body(BuiltInRoles.OWNER, newOwner)).put(at(t, UUID.randomUUID()))
                .then().statusCode(201);
        as(t.user(newOwner)).get(t.subscriptionPath() + "?api-version=2022-12-01").then().statusCode(200);
        // The administrator's token still reads nothing else of the tenant.
        as(admin).get(t.subscriptionPath() + "/resourcegroups?api-version=2021-04-01").then().statusCode(401)
                .body("error.code", equalTo("InvalidAuthenticationTokenTenant"));
    }

    @Test
    void validationErrors() {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body(body(BuiltInRoles.READER, UUID.randomUUID()))
                .put(t.subscriptionPath() + "/providers/Microsoft.Authorization/roleAssignments/not-a-guid" + V)
                .then().statusCode(400).body("error.code", equalTo("InvalidRoleAssignmentId"));
        as(t.owner()).contentType("application/json").body(body(UUID.randomUUID(), UUID.randomUUID()))
                .put(at(t, UUID.randomUUID())).then().statusCode(400).body("error.code", equalTo("RoleDefinitionDoesNotExist"));
        as(t.owner()).contentType("application/json")
                .body("{\"properties\":{\"roleDefinitionId\":\"" + BuiltInRoles.READER + "\",\"principalId\":\"bob\"}}")
                .put(at(t, UUID.randomUUID())).then().statusCode(400).body("error.code", equalTo("InvalidPrincipalId"));
        as(t.owner()).contentType("application/json").body("{}").put(at(t, UUID.randomUUID())).then().statusCode(400)
                .body("error.code", equalTo("InvalidRequestContent"));
        as(t.owner()).contentType("application/json").body(body(BuiltInRoles.READER, UUID.randomUUID()))
                .put(t.subscriptionPath() + "/resourceGroups/absent/providers/Microsoft.Authorization/roleAssignments/"
                        + UUID.randomUUID() + V).then().statusCode(404).body("error.code", equalTo("ResourceNotFound"));
    }

    @Test
    void listingFiltersAtScopeAndByPrincipal() {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/team?api-version=2021-04-01").then().statusCode(201);
        UUID member = UUID.randomUUID();
        String rgAssignments = t.subscriptionPath() + "/resourceGroups/team/providers/Microsoft.Authorization/roleAssignments";
        as(t.owner()).contentType("application/json").body(body(BuiltInRoles.READER, member))
                .put(rgAssignments + "/" + UUID.randomUUID() + V).then().statusCode(201);

        String subAssignments = t.subscriptionPath() + "/providers/Microsoft.Authorization/roleAssignments" + V;
        as(t.owner()).get(subAssignments).then().statusCode(200)
                .body("value.properties.principalId", hasItem(member.toString()))
                .body("value.properties.principalId", hasItem(t.ownerId().toString()));
        as(t.owner()).get(subAssignments + "&$filter=atScope()").then().statusCode(200)
                .body("value.properties.principalId", not(hasItem(member.toString())));
        as(t.owner()).get(rgAssignments + V + "&$filter=atScope()").then().statusCode(200)
                .body("value.properties.principalId", hasItem(member.toString()))
                .body("value.properties.principalId", hasItem(t.ownerId().toString()));
        as(t.owner()).get(subAssignments + "&$filter=principalId eq '" + member + "'").then().statusCode(200)
                .body("value.size()", equalTo(1))
                .body("value[0].properties.scope", equalTo(t.subscriptionPath() + "/resourceGroups/team"));
        as(t.owner()).get(subAssignments + "&$filter=roleName eq 'x'").then().statusCode(400)
                .body("error.code", equalTo("InvalidFilter"));
    }

    @Test
    void roleDefinitionsCarryAzuresIdsAndActions() {
        Tenant t = newTenant();
        as(t.owner()).get(t.subscriptionPath() + "/providers/Microsoft.Authorization/roleDefinitions"
                        + "?api-version=2022-05-01-preview&$filter=roleName eq 'Kubernetes Cluster - Azure Arc Onboarding'")
                .then().statusCode(200)
                .body("value.size()", equalTo(1))
                .body("value[0].name", equalTo("34e09817-6cbe-4d01-b1a2-e0eac5743d41"))
                .body("value[0].properties.permissions[0].actions", hasItem("Microsoft.Kubernetes/connectedClusters/Write"));
        as(t.owner()).get("/providers/Microsoft.Authorization/roleDefinitions/" + BuiltInRoles.READER + V)
                .then().statusCode(200).body("properties.roleName", equalTo("Reader"));
    }

    @Test
    void roleDefinitionIdsAreTheSubscriptionLevelOnesAtEveryScopeAndEitherFormCreates() {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/team?api-version=2021-04-01").then().statusCode(201);
        String definitions = t.subscriptionPath() + "/resourceGroups/team/providers/Microsoft.Authorization/roleDefinitions";
        String expected = t.subscriptionPath() + "/providers/Microsoft.Authorization/roleDefinitions/" + BuiltInRoles.READER;
        // What az role assignment list joins on: the listed id must equal the one assignments store.
        as(t.owner()).get(definitions + "?api-version=2022-05-01-preview&$filter=roleName eq 'Reader'").then()
                .statusCode(200).body("value[0].id", equalTo(expected));
        as(t.owner()).get(definitions + "/" + BuiltInRoles.READER + V).then().statusCode(200).body("id", equalTo(expected));

        UUID name = UUID.randomUUID();
        as(t.owner()).contentType("application/json")
                .body("{\"properties\":{\"roleDefinitionId\":\"" + definitions + "/" + BuiltInRoles.READER
                        + "\",\"principalId\":\"" + UUID.randomUUID() + "\"}}")
                .put(t.subscriptionPath() + "/resourceGroups/team/providers/Microsoft.Authorization/roleAssignments/"
                        + name + V)
                .then().statusCode(201).body("properties.roleDefinitionId", equalTo(expected));
    }
}

package dev.mooring.clusters;

import static org.hamcrest.Matchers.equalTo;

import dev.mooring.access.BuiltInRoles;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The built-in roles on connected clusters, over HTTP. */
class ClusterAccessTest extends ClusterTest {

    @Test
    void theArcOnboardingRoleCreatesAndReadsButCannotDelete() {
        Tenant t = readyTenant();
        UUID onboarder = UUID.randomUUID();
        roleAssignments.grantAtSubscription(t.subscriptionId(), t.tenantId(), BuiltInRoles.ARC_ONBOARDING, onboarder,
                "ServicePrincipal", "test");
        String token = t.user(onboarder);
        as(token).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "onboarded", V2024)).then().statusCode(201);
        as(token).get(cluster(t, "onboarded", V2024)).then().statusCode(200);
        as(token).get(t.subscriptionPath() + "/providers/Microsoft.Kubernetes/connectedClusters?api-version=2024-01-01")
                .then().statusCode(200).body("value.size()", equalTo(1));
        as(token).delete(cluster(t, "onboarded", V2024)).then().statusCode(403)
                .body("error.code", equalTo("AuthorizationFailed"))
                .body("error.message", org.hamcrest.Matchers.containsString("Microsoft.Kubernetes/connectedClusters/delete"));
        as(token).contentType("application/json").body("{\"authenticationMethod\":\"AAD\",\"clientProxy\":false}")
                .post(t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/onboarded"
                        + "/listClusterUserCredential?api-version=2024-01-01").then().statusCode(403);
    }

    @Test
    void aReaderOnlyReadsAndTheClusterUserRoleOnlyGetsCredentials() {
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "shared", V2024)).then().statusCode(201);
        UUID reader = UUID.randomUUID();
        roleAssignments.grantAtSubscription(t.subscriptionId(), t.tenantId(), BuiltInRoles.READER, reader, "User", "test");
        as(t.user(reader)).get(cluster(t, "shared", V2024)).then().statusCode(200);
        as(t.user(reader)).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "other", V2024)).then().statusCode(403);
        as(t.user(reader)).contentType("application/json").body("{\"tags\":{}}")
                .patch(cluster(t, "shared", V2024)).then().statusCode(403);
        as(t.user(reader)).delete(cluster(t, "shared", V2024)).then().statusCode(403);

        UUID user = UUID.randomUUID();
        roleAssignments.grantAtSubscription(t.subscriptionId(), t.tenantId(), BuiltInRoles.ARC_CLUSTER_USER, user, "User", "test");
        String credential = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/"
                + "shared/listClusterUserCredential?api-version=2024-01-01";
        as(t.user(user)).contentType("application/json").body("{\"authenticationMethod\":\"AAD\",\"clientProxy\":false}")
                .post(credential).then().statusCode(200);
        as(t.user(reader)).contentType("application/json").body("{\"authenticationMethod\":\"AAD\",\"clientProxy\":false}")
                .post(credential).then().statusCode(403);
    }

    @Test
    void aRoleOnOneClusterShowsOnlyThatClusterInLists() {
        Tenant t = readyTenant();
        for (String name : new String[] {"mine", "theirs"}) {
            as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                    .put(cluster(t, name, V2024)).then().statusCode(201);
        }
        UUID narrow = UUID.randomUUID();
        as(t.owner()).contentType("application/json")
                .body("{\"properties\":{\"roleDefinitionId\":\"" + BuiltInRoles.READER + "\",\"principalId\":\"" + narrow + "\"}}")
                .put(t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/mine"
                        + "/providers/Microsoft.Authorization/roleAssignments/" + UUID.randomUUID() + "?api-version=2022-04-01")
                .then().statusCode(201);
        as(t.user(narrow)).get(t.subscriptionPath() + "/providers/Microsoft.Kubernetes/connectedClusters?api-version=2024-01-01")
                .then().statusCode(200).body("value.name", org.hamcrest.Matchers.contains("mine"));
        as(t.user(narrow)).get(cluster(t, "theirs", V2024)).then().statusCode(403);
    }
}

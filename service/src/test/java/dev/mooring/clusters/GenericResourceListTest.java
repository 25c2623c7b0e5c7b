package dev.mooring.clusters;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.mooring.access.BuiltInRoles;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ARM's generic resource list (az resource list, ResourceManagementClient.resources) shows connected clusters. */
class GenericResourceListTest extends ClusterTest {

    private static final String V = "?api-version=2025-04-01";

    private void create(Tenant t, String group, String name, String location, String tags) {
        String path = t.subscriptionPath() + "/resourceGroups/" + group
                + "/providers/Microsoft.Kubernetes/connectedClusters/" + name + "?api-version=" + V2024;
        as(t.owner()).contentType("application/json").body(connectBody(location, OnboardingKeys.any())
                .replace("\"tags\":{\"env\":\"dev\"}", "\"tags\":" + tags)).put(path).then().statusCode(201);
    }

    @Test
    void listsClustersAcrossGroupsWithFiltersExpansionAndPaging() {
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"westeurope\"}")
                .put(t.subscriptionPath() + "/resourcegroups/other?api-version=2021-04-01").then().statusCode(201);
        create(t, "rg", "alpha", "eastus", "{\"env\":\"prod\"}");
        create(t, "rg", "beta", "westeurope", "{\"env\":\"dev\"}");
        create(t, "other", "gamma-alpha", "westeurope", "{}");

        String all = t.subscriptionPath() + "/resources" + V;
        as(t.owner()).get(all).then().statusCode(200)
                .body("value.name", containsInAnyOrder("alpha", "beta", "gamma-alpha"))
                .body("value[0].type", equalTo("Microsoft.Kubernetes/connectedClusters"))
                .body("value[0].createdTime", nullValue());
        as(t.owner()).get(t.subscriptionPath() + "/resourceGroups/rg/resources" + V).then().statusCode(200)
                .body("value.name", containsInAnyOrder("alpha", "beta"));
        as(t.owner()).get(all + "&$filter=resourceType eq 'Microsoft.Kubernetes/connectedClusters' and"
                + " substringof('alpha', name)").then().statusCode(200)
                .body("value.name", containsInAnyOrder("alpha", "gamma-alpha"));
        as(t.owner()).get(all + "&$filter=tagName eq 'env' and tagValue eq 'prod'").then().statusCode(200)
                .body("value.name", containsInAnyOrder("alpha"));
        as(t.owner()).get(all + "&$filter=location eq 'westeurope'").then().statusCode(200)
                .body("value.name", containsInAnyOrder("beta", "gamma-alpha"));
        // az resource list -g sends the group as a filter on the subscription's list.
        as(t.owner()).get(all + "&$filter=resourceGroup eq 'OTHER'").then().statusCode(200)
                .body("value.name", containsInAnyOrder("gamma-alpha"));
        as(t.owner()).get(all + "&$filter=resourceType eq 'Microsoft.Other/things'").then().statusCode(200)
                .body("value", hasSize(0));
        as(t.owner()).get(all + "&$expand=createdTime,changedTime,provisioningState").then().statusCode(200)
                .body("value[0].createdTime", notNullValue())
                .body("value[0].provisioningState", notNullValue());

        List<String> paged = new ArrayList<>();
        String next = all + "&$top=1";
        while (next != null) {
            Response page = as(t.owner()).urlEncodingEnabled(false).get(next);
            page.then().statusCode(200).body("value", hasSize(1));
            paged.addAll(page.path("value.name"));
            next = page.path("nextLink");
        }
        org.assertj.core.api.Assertions.assertThat(paged).containsExactly("gamma-alpha", "alpha", "beta");
    }

    @Test
    void showsEachCallerOnlyWhatItMayReadAndRefusesWhatItCannotParse() {
        Tenant t = readyTenant();
        create(t, "rg", "mine", "eastus", "{}");
        create(t, "rg", "theirs", "eastus", "{}");
        UUID reader = UUID.randomUUID();
        as(t.owner()).contentType("application/json").body("{\"properties\":{\"roleDefinitionId\":\"/providers/"
                + "Microsoft.Authorization/roleDefinitions/" + BuiltInRoles.READER + "\",\"principalId\":\"" + reader + "\"}}")
                .put(t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/mine"
                        + "/providers/Microsoft.Authorization/roleAssignments/" + UUID.randomUUID() + "?api-version=2022-04-01")
                .then().statusCode(201);
        as(t.user(reader)).get(t.subscriptionPath() + "/resources" + V).then().statusCode(200)
                .body("value.name", containsInAnyOrder("mine"));
        as(t.owner()).get(t.subscriptionPath() + "/resources" + V + "&$filter=kind eq 'x'").then().statusCode(400)
                .body("error.code", equalTo("InvalidFilterInQueryString"));
        as(t.owner()).get(t.subscriptionPath() + "/resources" + V + "&$expand=everything").then().statusCode(400)
                .body("error.code", equalTo("InvalidParameter"));
        as(t.owner()).get(t.subscriptionPath() + "/resourceGroups/none/resources" + V).then().statusCode(404)
                .body("error.code", equalTo("ResourceGroupNotFound"));
    }
}

package dev.mooring.clusters;

import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ARM's tags resource at a group or resource scope: az tag create|update|list|delete --resource-id. */
class TagsResourceTest extends ClusterTest {

    private static final String V = "?api-version=2021-04-01";
    private static final String TAGS = "/providers/Microsoft.Resources/tags/default";

    @Test
    void replaceMergeDeleteAndClearAClustersTags() {
        Tenant t = readyTenant();
        String cluster = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c1";
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster + "?api-version=" + V2024).then().statusCode(201);
        // Tags change like a PATCH: not while the creation operation still runs.
        awaitProvisioned(t.owner(), cluster + "?api-version=" + V2024);

        as(t.owner()).get(cluster + TAGS + V).then().statusCode(200)
                .body("id", equalTo(cluster + TAGS)).body("name", equalTo("default"))
                .body("type", equalTo("Microsoft.Resources/tags")).body("properties.tags.env", equalTo("dev"));
        as(t.owner()).contentType("application/json").body("{\"properties\":{\"tags\":{\"team\":\"a\",\"cost\":\"1\"}}}")
                .put(cluster + TAGS + V).then().statusCode(200).body("properties.tags", aMapWithSize(2));
        as(t.owner()).contentType("application/json")
                .body("{\"operation\":\"Merge\",\"properties\":{\"tags\":{\"team\":\"b\",\"new\":\"x\"}}}")
                .patch(cluster + TAGS + V).then().statusCode(200)
                .body("properties.tags.team", equalTo("b")).body("properties.tags.cost", equalTo("1"))
                .body("properties.tags.new", equalTo("x"));
        as(t.owner()).contentType("application/json")
                .body("{\"operation\":\"Delete\",\"properties\":{\"tags\":{\"cost\":\"\",\"new\":\"other\"}}}")
                .patch(cluster + TAGS + V).then().statusCode(200)
                .body("properties.tags", aMapWithSize(2)).body("properties.tags.new", equalTo("x"));
        // The cluster itself shows what the tags resource wrote.
        as(t.owner()).get(cluster + "?api-version=" + V2024).then().statusCode(200)
                .body("tags.team", equalTo("b")).body("tags.new", equalTo("x"));
        as(t.owner()).delete(cluster + TAGS + V).then().statusCode(200);
        as(t.owner()).get(cluster + TAGS + V).then().statusCode(200).body("properties.tags", aMapWithSize(0));
    }

    @Test
    void groupsToo_AndMistakesAreArmErrors() {
        Tenant t = readyTenant();
        String group = t.subscriptionPath() + "/resourceGroups/rg";
        as(t.owner()).contentType("application/json")
                .body("{\"operation\":\"Replace\",\"properties\":{\"tags\":{\"owner\":\"ops\"}}}")
                .patch(group + TAGS + V).then().statusCode(200).body("properties.tags.owner", equalTo("ops"));
        as(t.owner()).get(group + V).then().statusCode(200).body("tags.owner", equalTo("ops"));

        as(t.owner()).contentType("application/json").body("{\"properties\":{\"tags\":{\"a\":\"b\"}}}")
                .patch(group + TAGS + V).then().statusCode(400).body("error.code", equalTo("InvalidRequestContent"));
        as(t.owner()).get(t.subscriptionPath() + "/resourceGroups/none" + TAGS + V).then().statusCode(404);
        as(t.user(UUID.randomUUID())).get(group + TAGS + V).then().statusCode(403);
    }
}

package dev.mooring.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.mooring.testing.AzureSpecs;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A subscription's tag names ({@code az tag list}, {@code az tag create --name}, {@code az tag add-value}): the
 * union of predefined names and values and the tags groups and resources carry, with counts, as the 2021-04-01
 * spec shapes it.
 */
class TagNamesTest extends ClusterTest {

    private static final String V = "?api-version=2021-04-01";

    @Test
    void theListCountsWhatGroupsAndResourcesCarryBesideThePredefinedNames() {
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"tags\":{\"env\":\"prod\"}}")
                .put(t.subscriptionPath() + "/resourcegroups/rg" + V).then().statusCode(200);
        for (String name : new String[] {"c1", "c2"}) {
            as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                    .put(cluster(t, name, V2024)).then().statusCode(201);
        }
        String names = t.subscriptionPath() + "/tagNames";
        as(t.owner()).put(names + "/costCenter" + V).then().statusCode(201)
                .body("id", equalTo(names + "/costCenter")).body("tagName", equalTo("costCenter"))
                .body("count.type", equalTo("Total")).body("count.value", equalTo(0));
        as(t.owner()).put(names + "/COSTCENTER" + V).then().statusCode(200).body("tagName", equalTo("costCenter"));
        as(t.owner()).put(names + "/costCenter/tagValues/42" + V).then().statusCode(201)
                .body("id", equalTo(names + "/costCenter/tagValues/42")).body("tagValue", equalTo("42"))
                .body("count.value", equalTo(0));
        as(t.owner()).put(names + "/costCenter/tagValues/42" + V).then().statusCode(200);

        String list = as(t.owner()).get(names + V).then().statusCode(200).extract().asString();
        List<Map<String, Object>> value = io.restassured.path.json.JsonPath.from(list).getList("value");
        assertThat(value).extracting(v -> v.get("tagName")).containsExactly("costCenter", "env");
        // "env": the group (prod) and both clusters (dev, from connectBody).
        as(t.owner()).get(names + V).then()
                .body("value[1].count.value", equalTo(3))
                .body("value[1].values.find { it.tagValue == 'dev' }.count.value", equalTo(2))
                .body("value[1].values.find { it.tagValue == 'prod' }.count.value", equalTo(1))
                .body("value[0].values[0].tagValue", equalTo("42"));
        AzureSpecs.assertConforms(AzureSpecs.RESOURCES_2021_04_01, "TagsListResult", list);
    }

    @Test
    void namesInUseOrWithValuesStayAndReservedPrefixesAreRefused() {
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "c1", V2024)).then().statusCode(201);
        String names = t.subscriptionPath() + "/tagNames";
        as(t.owner()).put(names + "/env" + V).then().statusCode(201).body("count.value", equalTo(1));
        as(t.owner()).delete(names + "/env" + V).then().statusCode(409).body("error.code", equalTo("TagNameInUse"));
        as(t.owner()).put(names + "/env/tagValues/dev" + V).then().statusCode(201).body("count.value", equalTo(1));
        as(t.owner()).delete(names + "/env/tagValues/dev" + V).then().statusCode(409)
                .body("error.code", equalTo("TagValueInUse"));

        as(t.owner()).put(names + "/team" + V).then().statusCode(201);
        as(t.owner()).put(names + "/team/tagValues/blue" + V).then().statusCode(201);
        as(t.owner()).delete(names + "/team" + V).then().statusCode(409).body("error.code", equalTo("TagNameHasValues"));
        as(t.owner()).delete(names + "/team/tagValues/blue" + V).then().statusCode(200);
        as(t.owner()).delete(names + "/team/tagValues/blue" + V).then().statusCode(204);
        as(t.owner()).delete(names + "/team" + V).then().statusCode(200);
        as(t.owner()).delete(names + "/team" + V).then().statusCode(204);
        as(t.owner()).get(names + V).then().statusCode(200).body("value.tagName", not(hasItem("team")));

        as(t.owner()).put(names + "/Azure-owned" + V).then().statusCode(400).body("error.code", equalTo("InvalidTagName"))
                .body("error.message", containsString("reserved"));
        as(t.owner()).put(names + "/missing/tagValues/x" + V).then().statusCode(404)
                .body("error.code", equalTo("TagNameNotFound"));
        as(t.owner()).put(names + "/a&b" + V).then().statusCode(400).body("error.code", equalTo("InvalidTag"));
        as(t.owner()).put(names + "/x" + "?api-version=2015-01-01").then().statusCode(400);
    }

    @Test
    void onlyCallersWithTagRightsAtTheSubscriptionAndOnlyTheirOwnTenant() {
        Tenant t = readyTenant();
        Tenant other = newTenant();
        String names = t.subscriptionPath() + "/tagNames";
        as(t.user(UUID.randomUUID())).get(names + V).then().statusCode(403);
        as(t.user(UUID.randomUUID())).put(names + "/env" + V).then().statusCode(403);
        as(other.owner()).get(names + V).then().statusCode(401)
                .body("error.code", equalTo("InvalidAuthenticationTokenTenant"));
        as(other.owner()).put(names + "/env" + V).then().statusCode(401);
        as(t.owner()).put(names + "/env" + V).then().statusCode(201);
        as(other.owner()).get(other.subscriptionPath() + "/tagNames" + V).then().statusCode(200)
                .body("value.tagName", not(hasItem("env")));
    }
}

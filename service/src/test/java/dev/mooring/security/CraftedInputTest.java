package dev.mooring.security;

import static org.hamcrest.Matchers.equalTo;

import dev.mooring.arm.CallerIdentity;
import dev.mooring.testing.ServiceTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Crafted skip tokens, NUL characters and names whose lower case differs between Java and PostgreSQL are 400
 * errors naming the field, never a 500 or a misleading 409.
 */
class CraftedInputTest extends ServiceTest {

    private static String token(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + key).getBytes(StandardCharsets.UTF_8));
    }

    private RequestSpecification raw(String token) {
        return as(token).urlEncodingEnabled(false);
    }

    @Test
    void aSkipTokenWithoutTheExpectedShapeIsInvalidSkipToken() {
        Tenant t = newTenant();
        raw(t.owner()).get(t.subscriptionPath() + "/providers/Microsoft.Kubernetes/connectedClusters?api-version=2024-01-01"
                + "&$skipToken=" + token("no-slash")).then().statusCode(400).body("error.code", equalTo("InvalidSkipToken"))
                .body("error.target", equalTo("$skipToken"));
        raw(t.owner()).get(t.subscriptionPath() + "/resourcegroups?api-version=2021-04-01&$skipToken=" + token("a\u0000b"))
                .then().statusCode(400).body("error.code", equalTo("InvalidSkipToken"));
    }

    @Test
    void inventorySkipTokensThatFailTheirTypeAreInvalidSkipToken() {
        String admin = idp.user(UUID.randomUUID().toString(), UUID.randomUUID().toString())
                .roles(CallerIdentity.PLATFORM_ADMIN).sign();
        String uuid = UUID.randomUUID().toString();
        raw(admin).get("/inventory/v1/clusters?orderBy=kubernetesVersion&$skipToken="
                + token("kubernetesVersion.asc|abc|x|" + uuid)).then().statusCode(400)
                .body("error.code", equalTo("InvalidSkipToken")).body("error.target", equalTo("$skipToken"));
        raw(admin).get("/inventory/v1/clusters?orderBy=lastConnectivityTime&$skipToken="
                + token("lastConnectivityTime.asc|not-a-time|x|" + uuid)).then().statusCode(400)
                .body("error.code", equalTo("InvalidSkipToken"));
        raw(admin).get("/inventory/v1/clusters?orderBy=lastConnectivityTime&$skipToken="
                + token("lastConnectivityTime.asc|2026-13-45 99:00:00+00|x|" + uuid)).then().statusCode(400)
                .body("error.code", equalTo("InvalidSkipToken"));
        raw(admin).get("/inventory/v1/clusters?$skipToken=" + token("name.asc||a\u0000b|" + uuid)).then().statusCode(400)
                .body("error.code", equalTo("InvalidSkipToken"));
    }

    @Test
    void nulInFiltersAndTagsIsInvalidParameterNamingTheField() {
        Tenant t = newTenant();
        String admin = idp.user(UUID.randomUUID().toString(), UUID.randomUUID().toString())
                .roles(CallerIdentity.PLATFORM_ADMIN).sign();
        raw(admin).get("/inventory/v1/clusters?namePrefix=a%00b").then().statusCode(400)
                .body("error.code", equalTo("InvalidParameter")).body("error.target", equalTo("namePrefix"));
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"tags\":{\"k\":\"a\\u0000b\"}}")
                .put(t.subscriptionPath() + "/resourcegroups/nul?api-version=2021-04-01").then().statusCode(400)
                .body("error.code", equalTo("InvalidTag")).body("error.target", equalTo("tags"));
    }

    @Test
    void aResourceGroupNameWhoseLowerCaseIsAmbiguousIsInvalid() {
        Tenant t = newTenant();
        for (String name : new String[] {"%C4%B0", "%CE%91%CE%A3"}) {
            raw(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                    .put(t.subscriptionPath() + "/resourcegroups/" + name + "?api-version=2021-04-01").then()
                    .statusCode(400).body("error.code", equalTo("InvalidResourceGroup"))
                    .body("error.target", equalTo("resourceGroupName"));
        }
        raw(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/%C3%84rger?api-version=2021-04-01").then().statusCode(201);
    }

    @Test
    void aBodyOfTheWrongShapeIsNamedByItsJsonPathNotByMooringsClasses() {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":{\"a\":1},\"tags\":{}}")
                .put(t.subscriptionPath() + "/resourcegroups/shape?api-version=2021-04-01").then().statusCode(400)
                .body("error.code", equalTo("InvalidRequestContent"))
                .body("error.message", org.hamcrest.Matchers.containsString("'location'"))
                .body("error.message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("dev.mooring")));
    }

    @Test
    void authorizationSeesTheDecodedResourceId() {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg-x?api-version=2021-04-01").then().statusCode(201);
        UUID reader = UUID.randomUUID();
        as(t.owner()).contentType("application/json").body("{\"properties\":{\"roleDefinitionId\":"
                        + "\"/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7\","
                        + "\"principalId\":\"" + reader + "\",\"principalType\":\"User\"}}")
                .put(t.subscriptionPath() + "/resourceGroups/rg-x/providers/Microsoft.Authorization/roleAssignments/"
                        + UUID.randomUUID() + "?api-version=2022-04-01").then().statusCode(201);
        raw(t.user(reader)).get(t.subscriptionPath() + "/resourcegroups/rg%2Dx?api-version=2021-04-01").then()
                .statusCode(200).body("name", equalTo("rg-x"));
    }
}

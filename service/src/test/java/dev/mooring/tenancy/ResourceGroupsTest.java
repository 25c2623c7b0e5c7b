package dev.mooring.tenancy;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.mooring.access.BuiltInRoles;
import dev.mooring.testing.ServiceTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResourceGroupsTest extends ServiceTest {

    private static final String V = "?api-version=2021-04-01";

    @Test
    void createReadReplaceAndHead() {
        Tenant t = newTenant();
        String rg = t.subscriptionPath() + "/resourcegroups/Team-A";
        as(t.owner()).contentType("application/json").body("{\"location\":\"East US\",\"tags\":{\"env\":\"dev\"}}")
                .put(rg + V).then().statusCode(201)
                .header("ETag", notNullValue())
                .body("id", equalTo(t.subscriptionPath() + "/resourceGroups/Team-A"))
                .body("name", equalTo("Team-A"))
                .body("type", equalTo("Microsoft.Resources/resourceGroups"))
                .body("location", equalTo("eastus"))
                .body("tags.env", equalTo("dev"))
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("systemData")));

        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourceGroups/TEAM-a" + V).then().statusCode(200)
                .body("name", equalTo("TEAM-a"))
                .body("tags", aMapWithSize(0));
        as(t.owner()).get(rg + V).then().statusCode(200).body("name", equalTo("TEAM-a"));
        as(t.owner()).head(rg + V).then().statusCode(204);
        as(t.owner()).head(t.subscriptionPath() + "/resourcegroups/none" + V).then().statusCode(404);
        as(t.owner()).get(t.subscriptionPath() + "/resourcegroups/none" + V).then().statusCode(404)
                .body("error.code", equalTo("ResourceGroupNotFound"));
    }

    @Test
    void validationErrorsAreArmErrors() {
        Tenant t = newTenant();
        String base = t.subscriptionPath() + "/resourcegroups/";
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(base + "ends-with-dot." + V).then().statusCode(400).body("error.code", equalTo("InvalidResourceGroup"));
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(base + "x".repeat(91) + V).then().statusCode(400).body("error.code", equalTo("InvalidResourceGroup"));
        as(t.owner()).contentType("application/json").body("{}")
                .put(base + "no-location" + V).then().statusCode(400).body("error.code", equalTo("LocationRequired"));
        as(t.owner()).contentType("application/json").body("{\"location\":\"atlantis\"}")
                .put(base + "nowhere" + V).then().statusCode(400)
                .body("error.code", equalTo("LocationNotAvailableForResourceGroup"));
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"tags\":{\"a/b\":\"x\"}}")
                .put(base + "bad-tag" + V).then().statusCode(400).body("error.code", equalTo("InvalidTag"));
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"tags\":\"not-a-map\"}")
                .put(base + "bad-type" + V).then().statusCode(400).body("error.code", equalTo("InvalidRequestContent"));
        as(t.owner()).contentType("application/json").body("{\"location\":")
                .put(base + "malformed" + V).then().statusCode(400).body("error.code", equalTo("InvalidRequestContent"));
        // Unicode letters are letters, as in ARM.
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(base + "équipe_(1)" + V).then().statusCode(201);
    }

    @Test
    void locationNeverChanges() {
        Tenant t = newTenant();
        String rg = t.subscriptionPath() + "/resourcegroups/fixed" + V;
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}").put(rg).then().statusCode(201);
        as(t.owner()).contentType("application/json").body("{\"location\":\"westeurope\"}").put(rg).then().statusCode(409)
                .body("error.code", equalTo("InvalidResourceGroupLocation"));
        as(t.owner()).contentType("application/json").body("{\"location\":\"westeurope\"}").patch(rg).then().statusCode(400);
        as(t.owner()).get(rg).then().body("location", equalTo("eastus"));
    }

    @Test
    void patchReplacesTheWholeTagSet() {
        Tenant t = newTenant();
        String rg = t.subscriptionPath() + "/resourcegroups/tagged" + V;
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"tags\":{\"a\":\"1\",\"b\":\"2\"}}")
                .put(rg).then().statusCode(201);
        as(t.owner()).contentType("application/json").body("{\"tags\":{\"c\":\"3\"}}").patch(rg).then().statusCode(200)
                .body("tags", aMapWithSize(1))
                .body("tags", hasEntry("c", "3"));
        as(t.owner()).contentType("application/json").body("{\"tags\":{}}").patch(t.subscriptionPath()
                + "/resourcegroups/missing" + V).then().statusCode(404);
    }

    @Test
    void etagPreconditionsFollowTheContractTable() {
        Tenant t = newTenant();
        String rg = t.subscriptionPath() + "/resourcegroups/guarded" + V;
        String body = "{\"location\":\"eastus\"}";
        as(t.owner()).header("If-Match", "*").contentType("application/json").body(body).put(rg).then().statusCode(412)
                .body("error.code", equalTo("PreconditionFailed"));
        String etag = as(t.owner()).header("If-None-Match", "*").contentType("application/json").body(body).put(rg)
                .then().statusCode(201).extract().header("ETag");
        as(t.owner()).header("If-None-Match", "*").contentType("application/json").body(body).put(rg).then().statusCode(412);
        as(t.owner()).header("If-Match", "\"stale\"").contentType("application/json").body(body).put(rg).then().statusCode(412);
        String newer = as(t.owner()).header("If-Match", etag).contentType("application/json").body(body).put(rg)
                .then().statusCode(200).extract().header("ETag");
        assertThat(newer).isNotEqualTo(etag);
        as(t.owner()).header("If-Match", etag).contentType("application/json").body("{\"tags\":{}}").patch(rg)
                .then().statusCode(412);
        as(t.owner()).header("If-Match", etag).delete(rg).then().statusCode(412);
        as(t.owner()).get(rg).then().statusCode(200);
    }

    @Test
    void deleteIsAsynchronousAndRemovesRoleAssignmentsUnderTheGroup() throws Exception {
        Tenant t = newTenant();
        String rg = t.subscriptionPath() + "/resourceGroups/doomed";
        as(t.owner()).contentType("application/json").body("{\"location\":\"westeurope\"}").put(rg + V).then().statusCode(201);
        UUID reader = UUID.randomUUID();
        as(t.owner()).contentType("application/json")
                .body("{\"properties\":{\"roleDefinitionId\":\"/subscriptions/" + t.subscriptionId()
                        + "/providers/Microsoft.Authorization/roleDefinitions/" + BuiltInRoles.READER
                        + "\",\"principalId\":\"" + reader + "\"}}")
                .put(rg + "/providers/Microsoft.Authorization/roleAssignments/" + UUID.randomUUID() + "?api-version=2022-04-01")
                .then().statusCode(201);
        as(t.user(reader)).get(rg + V).then().statusCode(200);

        Response accepted = as(t.owner()).delete(rg + V);
        accepted.then().statusCode(202)
                .header("Location", startsWith("http://localhost:" + port + "/subscriptions/" + t.subscriptionId()
                        + "/providers/Microsoft.Resources/locations/westeurope/operationResults/"))
                .header("Azure-AsyncOperation", containsString("/operationStatuses/"))
                .header("Retry-After", equalTo("1"));

        int finalStatus = LongRunning.followLocation(this::as, t.owner(), accepted);
        assertThat(finalStatus).isEqualTo(200);
        as(t.owner()).get(rg + V).then().statusCode(404);
        as(t.owner()).get(accepted.header("Azure-AsyncOperation").replace("http://localhost:" + port, ""))
                .then().statusCode(200).body("status", equalTo("Succeeded")).body("endTime", notNullValue());
        // The reader's assignment was at the group's scope: it went with the group.
        as(t.owner()).get(t.subscriptionPath() + "/providers/Microsoft.Authorization/roleAssignments"
                        + "?api-version=2022-04-01&$filter=principalId eq '" + reader + "'")
                .then().statusCode(200).body("value.size()", equalTo(0));
    }

    @Test
    void operationUrlsUseTheAddressTheCallerUsedBehindAProxy() {
        Tenant t = newTenant();
        String rg = t.subscriptionPath() + "/resourcegroups/proxied" + V;
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}").put(rg).then().statusCode(201);
        as(t.owner()).header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "arm.example.test")
                .delete(rg).then().statusCode(202)
                .header("Location", startsWith("https://arm.example.test/subscriptions/" + t.subscriptionId()))
                .header("Azure-AsyncOperation", startsWith("https://arm.example.test/subscriptions/"));
    }

    @Test
    void deletingAMissingGroupIs404() {
        Tenant t = newTenant();
        as(t.owner()).delete(t.subscriptionPath() + "/resourcegroups/never" + V).then().statusCode(404)
                .body("error.code", equalTo("ResourceGroupNotFound"));
    }

    @Test
    void listFiltersByTag() {
        Tenant t = newTenant();
        for (String name : new String[] {"one", "two", "three"}) {
            String tags = name.equals("two") ? "{\"env\":\"Prod\"}" : "{\"env\":\"dev\"}";
            as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"tags\":" + tags + "}")
                    .put(t.subscriptionPath() + "/resourcegroups/" + name + V).then().statusCode(201);
        }
        as(t.owner()).get(t.subscriptionPath() + "/resourcegroups" + V + "&$filter=tagName eq 'env' and tagValue eq 'Prod'")
                .then().statusCode(200).body("value.name", org.hamcrest.Matchers.contains("two"));
        as(t.owner()).get(t.subscriptionPath() + "/resourcegroups" + V + "&$filter=tagName eq 'env'")
                .then().statusCode(200).body("value.size()", equalTo(3));
        as(t.owner()).get(t.subscriptionPath() + "/resourcegroups" + V + "&$filter=name eq 'x'")
                .then().statusCode(400).body("error.code", equalTo("InvalidFilter"));
    }

    @Test
    void aCallerWithAccessToOneGroupListsOnlyThatGroup() {
        Tenant t = newTenant();
        for (String name : new String[] {"visible", "hidden"}) {
            as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                    .put(t.subscriptionPath() + "/resourcegroups/" + name + V).then().statusCode(201);
        }
        UUID narrow = UUID.randomUUID();
        as(t.owner()).contentType("application/json")
                .body("{\"properties\":{\"roleDefinitionId\":\"" + BuiltInRoles.READER + "\",\"principalId\":\"" + narrow + "\"}}")
                .put(t.subscriptionPath() + "/resourceGroups/visible/providers/Microsoft.Authorization/roleAssignments/"
                        + UUID.randomUUID() + "?api-version=2022-04-01").then().statusCode(201);
        as(t.user(narrow)).get(t.subscriptionPath() + "/resourcegroups" + V).then().statusCode(200)
                .body("value.name", org.hamcrest.Matchers.contains("visible"));
        as(t.user(narrow)).get(t.subscriptionPath() + "/resourcegroups/hidden" + V).then().statusCode(403)
                .body("error.code", equalTo("AuthorizationFailed"));
    }

    /** Polls an ARM long-running operation the way the Azure SDKs do: follow Location, honour Retry-After. */
    static final class LongRunning {
        interface Client {
            io.restassured.specification.RequestSpecification as(String token);
        }

        static int followLocation(Client client, String token, Response accepted) {
            AtomicReference<String> location = new AtomicReference<>(accepted.header("Location"));
            Long.parseLong(accepted.header("Retry-After")); // the SDKs wait that long between polls; it must parse
            return eventually(Duration.ofSeconds(30), () -> {
                Response poll = client.as(token).get(location.get());
                if (poll.header("Location") != null) {
                    location.set(poll.header("Location"));
                }
                if (poll.statusCode() == 202) {
                    throw new AssertionError("The operation is still running");
                }
                return poll.statusCode();
            });
        }
    }
}

package dev.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every list filter, alone and combined, against a small fleet whose every attribute is known. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryFiltersTest extends InventoryTestBase {

    Tenant t;
    String admin;
    String sub;
    Map<String, UUID> ids = new java.util.HashMap<>();

    @BeforeAll
    void fleet() {
        t = readyTenant("prod-rg", "edge-rg");
        admin = admin();
        sub = "subscriptionId=" + t.subscriptionId() + "&";
        Instant now = Instant.now();
        ids.put("alpha", connect(t, "prod-rg", "alpha", "westeurope", "{\"env\":\"prod\",\"team\":\"a\"}", "k3s", "generic"));
        ids.put("bravo", connect(t, "prod-rg", "bravo", "West Europe", "{\"env\":\"prod\"}", "aks", "azure_stack_hci"));
        ids.put("charlie", connect(t, "edge-rg", "charlie", "eastus", "{\"env\":\"dev\"}", "k3s", "vsphere"));
        ids.put("delta", connect(t, "edge-rg", "delta", "eastus", "{}", "openshift", "generic"));
        ids.put("echo", connect(t, "edge-rg", "echo", "westeurope", "{\"env\":\"prod\"}", "k3s", "generic"));
        for (String name : List.of("alpine", "a_b", "axb")) {
            ids.put(name, connect(t, "edge-rg", name, "eastus", "{}", "kind", "generic"));
        }
        awaitProvisioned(t);
        report(ids.get("alpha"), "1.14.2", "v1.27.5", 3);
        heartbeat(ids.get("alpha"), now);
        report(ids.get("bravo"), "1.11.0", "1.29.1", 5);
        heartbeat(ids.get("bravo"), now.minus(Duration.ofDays(2)));
        report(ids.get("charlie"), "1.13.0", "1.28.0", 1);
        heartbeat(ids.get("charlie"), now.minus(Duration.ofMinutes(20)));
        report(ids.get("echo"), "1.12.9", "v1.28.4+k3s1", 2);
        heartbeat(ids.get("echo"), now);
        identityExpires(ids.get("echo"), now.minus(Duration.ofDays(1)));
        jdbc.update("update connected_clusters set provisioning_state = 'Failed' where id = ?", ids.get("bravo"));
    }

    @Test
    void withoutFiltersTheSubscriptionListsEveryClusterByName() {
        assertThat(names(admin, sub)).containsExactly("a_b", "alpha", "alpine", "axb", "bravo", "charlie", "delta", "echo");
    }

    @Test
    void resourceGroupNamePrefixAndLocation() {
        assertThat(names(admin, sub + "resourceGroup=PROD-RG")).containsExactly("alpha", "bravo");
        assertThat(names(admin, sub + "namePrefix=AL")).containsExactly("alpha", "alpine");
        assertThat(names(admin, sub + "namePrefix=a_")).as("_ is no wildcard").containsExactly("a_b");
        assertThat(names(admin, sub + "location=West Europe")).containsExactly("alpha", "bravo", "echo");
        assertThat(names(admin, sub + "location=eastus&location=westeurope")).hasSize(8);
        assertThat(names(admin, sub + "location=eastus,westeurope")).hasSize(8);
    }

    @Test
    void connectivityStatusIsDerivedAsArmDerivesIt() {
        assertThat(names(admin, sub + "connectivityStatus=Connected")).containsExactly("alpha");
        assertThat(names(admin, sub + "connectivityStatus=offline")).containsExactly("bravo", "charlie");
        assertThat(names(admin, sub + "connectivityStatus=Connecting")).containsExactly("a_b", "alpine", "axb", "delta");
        assertThat(names(admin, sub + "connectivityStatus=Expired")).containsExactly("echo");
        assertThat(names(admin, sub + "connectivityStatus=Expired,Connected")).containsExactly("alpha", "echo");

        List<Map<String, Object>> items = list(admin, sub).then().statusCode(200).extract().path("value");
        for (Map<String, Object> item : items) {
            String arm = as(t.owner()).get(armPath(t, (String) item.get("resourceGroup"), (String) item.get("name")))
                    .then().statusCode(200).extract().path("properties.connectivityStatus");
            assertThat(item.get("connectivityStatus")).as((String) item.get("name")).isEqualTo(arm);
        }
    }

    @Test
    void provisioningStateDistributionAndInfrastructure() {
        assertThat(names(admin, sub + "provisioningState=Failed")).containsExactly("bravo");
        assertThat(names(admin, sub + "provisioningState=succeeded")).hasSize(7);
        assertThat(names(admin, sub + "distribution=K3S")).containsExactly("alpha", "charlie", "echo");
        assertThat(names(admin, sub + "distribution=aks,openshift")).containsExactly("bravo", "delta");
        assertThat(names(admin, sub + "infrastructure=vsphere")).containsExactly("charlie");
    }

    @Test
    void kubernetesVersionExactlyOrByRange() {
        assertThat(names(admin, sub + "kubernetesVersion=<1.28")).containsExactly("alpha");
        assertThat(names(admin, sub + "kubernetesVersion=1.28")).containsExactly("charlie", "echo");
        assertThat(names(admin, sub + "kubernetesVersion=1.28.4")).containsExactly("echo");
        assertThat(names(admin, sub + "kubernetesVersion=v1.27.5")).containsExactly("alpha");
        assertThat(names(admin, sub + "kubernetesVersion=>1.28")).containsExactly("bravo");
        assertThat(names(admin, sub + "kubernetesVersion=<=1.28")).containsExactly("alpha", "charlie", "echo");
        assertThat(names(admin, sub + "kubernetesVersion=>=1.28 <1.29")).containsExactly("charlie", "echo");
        assertThat(names(admin, sub + "kubernetesVersion=>1.29 <1.28")).isEmpty();
    }

    @Test
    void agentVersionExactlyOrOutdatedAgainstTheNewestThreeMinors() {
        assertThat(names(admin, sub + "agentVersion=outdated")).containsExactly("bravo");
        assertThat(names(admin, sub + "agentVersion=OUTDATED&location=eastus")).isEmpty();
        assertThat(names(admin, sub + "agentVersion=1.12")).containsExactly("echo");
        assertThat(names(admin, sub + "agentVersion=1.14.2")).containsExactly("alpha");
    }

    @Test
    void tagsByNameOrNameAndValueAllMustMatch() {
        assertThat(names(admin, sub + "tag=env")).containsExactly("alpha", "bravo", "charlie", "echo");
        assertThat(names(admin, sub + "tag=env=prod")).containsExactly("alpha", "bravo", "echo");
        assertThat(names(admin, sub + "tag=env=prod&tag=team=a")).containsExactly("alpha");
        assertThat(names(admin, sub + "tag=env=Prod")).as("values are case-sensitive, as in ARM").isEmpty();
    }

    @Test
    void lastConnectivityTimeBeforeAndAfterTakeInstantsOrDurationsAgo() {
        assertThat(names(admin, sub + "lastConnectivityTimeBefore=P1D")).containsExactly("bravo");
        assertThat(names(admin, sub + "lastConnectivityTimeAfter=PT1H")).containsExactly("alpha", "charlie", "echo");
        String dayAgo = Instant.now().minus(Duration.ofDays(1)).toString();
        assertThat(names(admin, sub + "lastConnectivityTimeBefore=" + dayAgo)).containsExactly("bravo");
        assertThat(names(admin, sub + "lastConnectivityTimeAfter=" + dayAgo + "&lastConnectivityTimeBefore=PT10M"))
                .containsExactly("charlie");
    }

    @Test
    void theOperatorsQuestionsCombineFilters() {
        // "Which clusters in West Europe have been offline for a day?"
        assertThat(names(admin, sub + "location=westeurope&connectivityStatus=Offline&lastConnectivityTimeBefore=P1D"))
                .containsExactly("bravo");
        // "Everything tagged env=prod on Kubernetes older than 1.28."
        assertThat(names(admin, sub + "tag=env=prod&kubernetesVersion=<1.28")).containsExactly("alpha");
    }

    @Test
    void anItemCarriesTheClustersInventoryFields() {
        Response response = list(admin, sub + "namePrefix=alpha");
        response.then().statusCode(200);
        Map<String, Object> alpha = response.path("value[0]");
        assertThat(alpha).containsEntry("id", t.subscriptionPath()
                        + "/resourceGroups/prod-rg/providers/Microsoft.Kubernetes/connectedClusters/alpha")
                .containsEntry("subscriptionId", t.subscriptionId().toString()).containsEntry("resourceGroup", "prod-rg")
                .containsEntry("location", "westeurope").containsEntry("connectivityStatus", "Connected")
                .containsEntry("provisioningState", "Succeeded").containsEntry("kubernetesVersion", "v1.27.5")
                .containsEntry("agentVersion", "1.14.2").containsEntry("distribution", "k3s")
                .containsEntry("infrastructure", "generic").containsEntry("totalNodeCount", 3)
                .containsEntry("totalCoreCount", 12).containsEntry("tags", Map.of("env", "prod", "team", "a"))
                .containsKey("lastConnectivityTime");
        assertThat((Object) response.path("nextLink")).isNull();
    }

    @Test
    void badInputIsAnArmErrorNeverAServerError() {
        badRequest(admin, INVENTORY + "/clusters?colour=red", "InvalidParameter");
        badRequest(admin, INVENTORY + "/clusters?location=atlantis", "InvalidParameter");
        badRequest(admin, INVENTORY + "/clusters?subscriptionId=not-a-guid", "InvalidParameter");
        badRequest(admin, INVENTORY + "/clusters?connectivityStatus=Sleeping", "InvalidParameter");
        badRequest(admin, INVENTORY + "/clusters?provisioningState=Done", "InvalidParameter");
        badRequest(admin, INVENTORY + "/clusters?kubernetesVersion=~1.2x", "InvalidParameter");
        badRequest(admin, INVENTORY + "/clusters?agentVersion=latest", "InvalidParameter");
        badRequest(admin, INVENTORY + "/clusters?lastConnectivityTimeBefore=yesterday", "InvalidParameter");
        badRequest(admin, INVENTORY + "/clusters?lastConnectivityTimeBefore=-P1D", "InvalidParameter");
        as(admin).queryParam("tag", "=x").get(INVENTORY + "/clusters").then().statusCode(400)
                .body("error.code", org.hamcrest.Matchers.equalTo("InvalidParameter"));
        badRequest(admin, INVENTORY + "/clusters?orderBy=colour", "InvalidParameter");
        badRequest(admin, INVENTORY + "/clusters?orderBy=name sideways", "InvalidParameter");
        badRequest(admin, INVENTORY + "/clusters?$top=0", "InvalidParameter");
        badRequest(admin, INVENTORY + "/clusters?$top=1001", "InvalidParameter");
        badRequest(admin, INVENTORY + "/clusters?$skipToken=garbage", "InvalidSkipToken");
        badRequest(admin, INVENTORY + "/clusters?format=xml", "InvalidParameter");
        badRequest(admin, INVENTORY + "/clusters?namePrefix=a&namePrefix=b", "InvalidParameter");
        badRequest(admin, INVENTORY + "/clusters?location=", "InvalidParameter");
        anonymous().get(INVENTORY + "/clusters").then().statusCode(401)
                .body("error.code", org.hamcrest.Matchers.equalTo("AuthenticationFailed"));
    }
}

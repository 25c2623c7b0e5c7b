package dev.mooring.configurations;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.mooring.access.BuiltInRoles;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SourceControlConfigurationsTest extends ConfigurationTest {

    private static final String FLUX = "{\"properties\":{\"repositoryUrl\":\"https://github.com/example/fleet-config\","
            + "\"operatorParams\":\"--git-readonly\",\"operatorScope\":\"cluster\"}}";

    @Test
    void createReadReplaceAndList() {
        Tenant t = readyTenant("c1");
        as(t.owner()).contentType("application/json").body(FLUX).put(configuration(t, "c1", "cluster-config", V2023))
                .then().statusCode(201)
                .body("id", equalTo(clusterPath(t, "c1")
                        + "/providers/Microsoft.KubernetesConfiguration/sourceControlConfigurations/cluster-config"))
                .body("type", equalTo("Microsoft.KubernetesConfiguration/sourceControlConfigurations"))
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.complianceStatus.complianceState", equalTo("Pending"))
                .body("properties.operatorNamespace", equalTo("default"))
                .body("properties.operatorInstanceName", equalTo("cluster-config"))
                .body("properties.operatorType", equalTo("Flux"))
                .body("systemData.createdByType", equalTo("User"));
        as(t.owner()).contentType("application/json").body(FLUX.replace("--git-readonly", "--git-poll-interval=1m"))
                .put(configuration(t, "c1", "cluster-config", V2021)).then().statusCode(200)
                .body("properties.operatorParams", equalTo("--git-poll-interval=1m"));
        as(t.owner()).get(configuration(t, "c1", "cluster-config", V2019)).then().statusCode(200)
                .body("$", not(hasKey("systemData")))
                .body("properties.creationTime", org.hamcrest.Matchers.notNullValue());
        as(t.owner()).contentType("application/json").body(FLUX).put(configuration(t, "c1", "second", V2023))
                .then().statusCode(201);
        String list = clusterPath(t, "c1") + "/providers/Microsoft.KubernetesConfiguration/sourceControlConfigurations"
                + "?api-version=" + V2023;
        String next = as(t.owner()).get(list + "&$top=1").then().statusCode(200)
                .body("value.name", org.hamcrest.Matchers.contains("cluster-config")).extract().path("nextLink");
        as(t.owner()).urlEncodingEnabled(false).get(next).then().statusCode(200)
                .body("value.name", org.hamcrest.Matchers.contains("second")).body("nextLink", nullValue());
    }

    @Test
    void operatorFieldsAreImmutable() {
        Tenant t = readyTenant("c1");
        as(t.owner()).contentType("application/json").body(FLUX).put(configuration(t, "c1", "fixed", V2023)).then().statusCode(201);
        for (String change : new String[] {"\"operatorNamespace\":\"other\",", "\"operatorInstanceName\":\"other\",",
                "\"operatorScope\":\"namespace\","}) {
            as(t.owner()).contentType("application/json").body(FLUX.replace("\"operatorParams\"", change + "\"operatorParams\"")
                            .replace(",\"operatorScope\":\"cluster\"", change.contains("Scope") ? "" : ",\"operatorScope\":\"cluster\""))
                    .put(configuration(t, "c1", "fixed", V2023)).then().statusCode(400)
                    .body("error.code", equalTo("PropertyChangeNotAllowed"));
        }
    }

    @Test
    void validationErrors() {
        Tenant t = readyTenant("c1");
        expect400(t, "Upper_Case", FLUX, "InvalidConfigurationName");
        expect400(t, "ok", FLUX.replace("https://github.com/example/fleet-config", "ftp://example/repo"), "InvalidParameter");
        expect400(t, "ok", "{\"properties\":{}}", "InvalidParameter");
        expect400(t, "ok", FLUX.replace("\"operatorParams\"", "\"operatorNamespace\":\"Bad_NS\",\"operatorParams\""), "InvalidParameter");
        expect400(t, "ok", FLUX.replace("\"operatorParams\"", "\"operatorNamespace\":\"" + "n".repeat(24) + "\",\"operatorParams\""),
                "InvalidParameter");
        expect400(t, "ok", FLUX.replace("\"operatorParams\"", "\"operatorType\":\"Argo\",\"operatorParams\""), "InvalidParameter");
        expect400(t, "ok", FLUX.replace("cluster\"}", "everywhere\"}"), "InvalidParameter");
        expect400(t, "ok", FLUX.replace("--git-readonly", "x".repeat(3000)), "InvalidParameter");
        expect400(t, "ok", FLUX.replace("\"operatorParams\"", "\"sshKnownHostsContents\":\"not base64!\",\"operatorParams\""),
                "InvalidParameter");
        expect400(t, "ok", FLUX.replace("\"operatorParams\"", "\"enableHelmOperator\":\"yes\",\"operatorParams\""),
                "InvalidRequestContent");
        as(t.owner()).contentType("application/json").body(FLUX)
                .put(t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1"
                        + "/providers/Microsoft.KubernetesConfiguration/sourceControlConfigurations/ok?api-version=" + V2023)
                .then().statusCode(400).body("error.message", containsString("connectedClusters only"));
        as(t.owner()).contentType("application/json").body(FLUX).put(configuration(t, "missing-cluster", "ok", V2023))
                .then().statusCode(404).body("error.code", equalTo("ParentResourceNotFound"))
                .body("error.message", containsString("missing-cluster"));
        as(t.owner()).contentType("application/json").body(FLUX).put(configuration(t, "c1", "ok", "2022-01-01"))
                .then().statusCode(400).body("error.code", equalTo("NoRegisteredProviderFound"));
        // 2019-11-01-preview sends enableHelmOperator as a string.
        as(t.owner()).contentType("application/json").body(FLUX.replace("\"operatorParams\"", "\"enableHelmOperator\":\"true\",\"operatorParams\""))
                .put(configuration(t, "c1", "helm", V2019)).then().statusCode(201).body("properties.enableHelmOperator", equalTo(true));
    }

    @Test
    void aDeleteIsImmediateWhileTheClustersAgentHasNeverConnected() {
        // Waiting for a Connected agent's confirmation is ConfigurationDeliveryTest's.
        Tenant t = readyTenant("c1");
        for (String version : new String[] {V2019, V2021, V2023}) {
            as(t.owner()).contentType("application/json").body(FLUX).put(configuration(t, "c1", "bye", version))
                    .then().statusCode(201);
            as(t.owner()).delete(configuration(t, "c1", "bye", version)).then().statusCode(200)
                    .header("Azure-AsyncOperation", nullValue()).header("Location", nullValue());
            as(t.owner()).get(configuration(t, "c1", "bye", version)).then().statusCode(404);
            as(t.owner()).delete(configuration(t, "c1", "bye", version)).then().statusCode(204);
        }
    }

    @Test
    void deletingTheClusterDeletesItsConfigurations() {
        Tenant t = readyTenant("doomed");
        as(t.owner()).contentType("application/json").body(FLUX).put(configuration(t, "doomed", "cfg", V2023)).then().statusCode(201);
        as(t.owner()).post(t.subscriptionPath() + "/providers/Microsoft.KubernetesConfiguration/unregister?api-version=2021-04-01")
                .then().statusCode(409);
        awaitSucceeded(t, "doomed");
        as(t.owner()).delete(clusterPath(t, "doomed") + "?api-version=2024-01-01").then().statusCode(202);
        awaitGone(t.owner(), clusterPath(t, "doomed") + "?api-version=2024-01-01");
        as(t.owner()).post(t.subscriptionPath() + "/providers/Microsoft.KubernetesConfiguration/unregister?api-version=2021-04-01")
                .then().statusCode(200);
    }

    @Test
    void accessInheritsFromTheClustersScope() {
        Tenant t = readyTenant("c1");
        as(t.owner()).contentType("application/json").body(FLUX).put(configuration(t, "c1", "shared", V2023)).then().statusCode(201);
        UUID reader = UUID.randomUUID();
        as(t.owner()).contentType("application/json")
                .body("{\"properties\":{\"roleDefinitionId\":\"" + BuiltInRoles.READER + "\",\"principalId\":\"" + reader + "\"}}")
                .put(clusterPath(t, "c1") + "/providers/Microsoft.Authorization/roleAssignments/" + UUID.randomUUID()
                        + "?api-version=2022-04-01").then().statusCode(201);
        as(t.user(reader)).get(configuration(t, "c1", "shared", V2023)).then().statusCode(200);
        as(t.user(reader)).contentType("application/json").body(FLUX).put(configuration(t, "c1", "mine", V2023))
                .then().statusCode(403).body("error.message",
                        containsString("Microsoft.KubernetesConfiguration/sourceControlConfigurations/write"));
        as(t.user(reader)).delete(configuration(t, "c1", "shared", V2023)).then().statusCode(403);
    }

    private void awaitSucceeded(Tenant t, String cluster) {
        awaitProvisioned(t.owner(), clusterPath(t, cluster) + "?api-version=2024-01-01");
    }

    private void expect400(Tenant t, String name, String body, String code) {
        as(t.owner()).contentType("application/json").body(body).put(configuration(t, "c1", name, V2023)).then()
                .statusCode(400).body("error.code", equalTo(code));
    }
}

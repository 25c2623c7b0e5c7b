package dev.mooring.clusters;


import dev.mooring.testing.ServiceTest;

/** Base for connected cluster tests: a tenant with a resource group and Microsoft.Kubernetes registered. */
abstract class ClusterTest extends ServiceTest {

    static final String V2021_03 = "2021-03-01";
    static final String V2021_10 = "2021-10-01";
    static final String V2024 = "2024-01-01";

    /** A tenant whose resource group {@code rg} exists and whose subscription is registered with Microsoft.Kubernetes. */
    Tenant readyTenant() {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        registerProvider(t, "Microsoft.Kubernetes");
        return t;
    }


    /** Both lists and the operations list of {@code version} conform to {@code spec}. */
    void assertListsConform(Tenant t, String spec, String version) {
        dev.mooring.testing.AzureSpecs.assertConforms(spec, "ConnectedClusterList", as(t.owner()).get(t.subscriptionPath()
                + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters?api-version=" + version + "&$top=1")
                .then().statusCode(200).extract().asString());
        dev.mooring.testing.AzureSpecs.assertConforms(spec, "ConnectedClusterList", as(t.owner()).get(t.subscriptionPath()
                + "/providers/Microsoft.Kubernetes/connectedClusters?api-version=" + version)
                .then().statusCode(200).extract().asString());
        dev.mooring.testing.AzureSpecs.assertConforms(spec, "OperationList", as(t.owner())
                .get("/providers/Microsoft.Kubernetes/operations?api-version=" + version).then().statusCode(200)
                .extract().asString());
    }

    static String cluster(Tenant t, String name, String apiVersion) {
        return t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/" + name
                + "?api-version=" + apiVersion;
    }

    /** The body `az connectedk8s connect` sends. */
    static String connectBody(String location, String key) {
        return "{\"location\":\"" + location + "\",\"identity\":{\"type\":\"SystemAssigned\"},\"tags\":{\"env\":\"dev\"},"
                + "\"properties\":{\"agentPublicKeyCertificate\":\"" + key + "\",\"distribution\":\"k3s\","
                + "\"infrastructure\":\"generic\"}}";
    }
}

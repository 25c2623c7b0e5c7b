package dev.mooring.tenancy;

import static dev.mooring.testing.AzureSpecs.RESOURCES_2021_04_01;
import static dev.mooring.testing.AzureSpecs.assertConforms;

import dev.mooring.testing.AzureSpecs;
import dev.mooring.testing.ServiceTest;
import org.junit.jupiter.api.Test;

/** Resource group and provider responses validate against the official Microsoft.Resources 2021-04-01 spec. */
class ResourcesSpecConformanceTest extends ServiceTest {

    private static final String V = "?api-version=2021-04-01";

    @Test
    void resourceGroupResponsesConform() {
        AzureSpecs.assumePresent();
        Tenant t = newTenant();
        String rg = t.subscriptionPath() + "/resourcegroups/";
        String create = AzureSpecs.example(RESOURCES_2021_04_01, "CreateResourceGroup.json")
                .get("parameters").get("parameters").toString();
        assertConforms(RESOURCES_2021_04_01, "ResourceGroup", as(t.owner()).contentType("application/json").body(create)
                .put(rg + "my-resource-group" + V).then().statusCode(201).extract().asString());
        assertConforms(RESOURCES_2021_04_01, "ResourceGroup", as(t.owner()).contentType("application/json")
                .body("{\"location\":\"westeurope\",\"tags\":{\"a\":\"b\"},\"managedBy\":\"/subscriptions/x\"}")
                .put(rg + "second" + V).then().statusCode(201).extract().asString());
        assertConforms(RESOURCES_2021_04_01, "ResourceGroup", as(t.owner()).get(rg + "second" + V)
                .then().statusCode(200).extract().asString());
        String update = AzureSpecs.example(RESOURCES_2021_04_01, "UpdateResourceGroups.json")
                .get("parameters").get("parameters").toString();
        assertConforms(RESOURCES_2021_04_01, "ResourceGroup", as(t.owner()).contentType("application/json").body(update)
                .patch(rg + "second" + V).then().statusCode(200).extract().asString());
        assertConforms(RESOURCES_2021_04_01, "ResourceGroupListResult", as(t.owner()).get(rg.substring(0, rg.length() - 1)
                + V + "&$top=1").then().statusCode(200).extract().asString());
    }

    @Test
    void resourceGroupResponsesCarryOnlyWhatTheSchemaDefines() {
        AzureSpecs.assumePresent();
        Tenant t = newTenant();
        java.util.Set<String> defined = AzureSpecs.definedProperties(RESOURCES_2021_04_01, "ResourceGroup");
        String rg = t.subscriptionPath() + "/resourcegroups/strict";
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        String created = as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"tags\":{\"a\":\"b\"}}")
                .put(rg + V).then().statusCode(201).extract().asString();
        String read = as(t.owner()).get(rg + V).then().statusCode(200).extract().asString();
        String listed = json.readTree(as(t.owner()).get(t.subscriptionPath() + "/resourcegroups" + V).then()
                .statusCode(200).extract().asString()).get("value").get(0).toString();
        for (String body : java.util.List.of(created, read, listed)) {
            java.util.Set<String> shown = new java.util.TreeSet<>();
            json.readTree(body).propertyNames().forEach(shown::add);
            org.assertj.core.api.Assertions.assertThat(shown).as(body).isSubsetOf(defined);
        }
    }

    @Test
    void providerResponsesConform() {
        AzureSpecs.assumePresent();
        Tenant t = newTenant();
        String providers = t.subscriptionPath() + "/providers";
        assertConforms(RESOURCES_2021_04_01, "Provider", as(t.owner()).get(providers + "/Microsoft.Kubernetes" + V)
                .then().statusCode(200).extract().asString());
        assertConforms(RESOURCES_2021_04_01, "Provider", as(t.owner())
                .post(providers + "/Microsoft.KubernetesConfiguration/register" + V).then().statusCode(200)
                .extract().asString());
        assertConforms(RESOURCES_2021_04_01, "ProviderListResult", as(t.owner()).get(providers + V)
                .then().statusCode(200).extract().asString());
    }

    @Test
    void theSchemaCheckRejectsAWrongShape() {
        AzureSpecs.assumePresent();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                assertConforms(RESOURCES_2021_04_01, "ResourceGroup", "{\"name\":\"x\",\"tags\":{\"a\":1}}"))
                .isInstanceOf(AssertionError.class);
    }
}

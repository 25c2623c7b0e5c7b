package dev.mooring.arm;

import dev.mooring.arm.pipeline.RequestIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.mooring.testing.ServiceTest;
import org.junit.jupiter.api.Test;

/** Errors keep ARM's shape everywhere, and every response carries ARM's request ids. */
class ArmContractBasicsTest extends ServiceTest {

    @Test
    void anUnknownRouteIsAnArmNotFound() {
        as(idp.anyUser().sign()).get("/no/such/route").then().statusCode(404)
                .contentType("application/json")
                .body("error.code", equalTo("NotFound"));
    }

    @Test
    void anUnsupportedMethodIsAnArm405() {
        as(idp.anyUser().sign()).delete("/subscriptions?api-version=2022-12-01").then().statusCode(405)
                .contentType("application/json")
                .body("error.code", equalTo("MethodNotAllowed"));
    }

    @Test
    void pathSegmentsMatchCaseInsensitivelyAndNamesKeepTheCallersCasing() {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put("/SUBSCRIPTIONS/" + t.subscriptionId() + "/RESOURCEGROUPS/MiXeD?api-version=2021-04-01")
                .then().statusCode(201).body("name", equalTo("MiXeD"));
        as(t.owner()).get("/subscriptions/" + t.subscriptionId() + "/resourceGroups/mixed?api-version=2021-04-01")
                .then().statusCode(200).body("name", equalTo("MiXeD"));
    }

    @Test
    void aWrongContentTypeIs415() {
        Tenant t = newTenant();
        as(t.owner()).contentType("text/plain").body("location=eastus")
                .put(t.subscriptionPath() + "/resourcegroups/x?api-version=2021-04-01").then().statusCode(415)
                .contentType("application/json")
                .body("error.code", equalTo("UnsupportedMediaType"));
    }

    @Test
    void aBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrStreamed() throws Exception {
        Tenant t = newTenant();
        String big = "{\"location\":\"eastus\",\"tags\":{\"k\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}}";
        String path = t.subscriptionPath() + "/resourcegroups/big?api-version=2021-04-01";
        as(t.owner()).contentType("application/json").body(big).put(path).then().statusCode(413)
                .contentType("application/json")
                .body("error.code", equalTo("RequestEntityTooLarge"));
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            java.net.http.HttpResponse<String> streamed = client.send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + t.owner())
                    .header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(big.getBytes())))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(streamed.statusCode()).isEqualTo(413);
            assertThat(streamed.body()).contains("RequestEntityTooLarge");
        }
        as(t.owner()).get(path).then().statusCode(404);
    }

    @Test
    void readsCarryTheRemainingRateLimitHeader() {
        Tenant t = newTenant();
        as(t.owner()).get(t.subscriptionPath() + "/resourcegroups?api-version=2021-04-01").then().statusCode(200)
                .header("x-ms-ratelimit-remaining-subscription-reads", notNullValue());
    }

    @Test
    void everyResponseHasAFreshRequestIdAndEchoesTheCorrelationId() {
        String first = anonymous().header(RequestIds.CORRELATION_ID, "corr-123")
                .get("/actuator/health/liveness").then()
                .header(RequestIds.CORRELATION_ID, equalTo("corr-123"))
                .header(RequestIds.REQUEST_ID, notNullValue())
                .extract().header(RequestIds.REQUEST_ID);
        String second = anonymous().get("/actuator/health/liveness").then()
                .header(RequestIds.CORRELATION_ID, notNullValue())
                .extract().header(RequestIds.REQUEST_ID);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void theClientRequestIdIsEchoedOnlyWhenAskedFor() {
        anonymous().header(RequestIds.CLIENT_REQUEST_ID, "client-1")
                .get("/actuator/health/liveness").then()
                .header(RequestIds.CLIENT_REQUEST_ID, nullValue());
        anonymous().header(RequestIds.CLIENT_REQUEST_ID, "client-1")
                .header("x-ms-return-client-request-id", "true")
                .get("/actuator/health/liveness").then()
                .header(RequestIds.CLIENT_REQUEST_ID, equalTo("client-1"));
    }
}

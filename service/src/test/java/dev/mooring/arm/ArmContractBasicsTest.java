package dev.mooring.arm;

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

package dev.mooring.platform;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.testing.ServiceTest;
import org.junit.jupiter.api.Test;

class ObservabilityEndpointsTest extends ServiceTest {

    @Test
    void livenessAndReadinessAnswerWithoutAToken() {
        anonymous().get("/actuator/health/liveness").then().statusCode(200).body("status", equalTo("UP"));
        anonymous().get("/actuator/health/readiness").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void healthShowsNoDetailsToAnonymousCallers() {
        anonymous().get("/actuator/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("components", equalTo(null));
    }

    @Test
    void prometheusNeedsAPlatformAdministrator() {
        anonymous().get("/actuator/prometheus").then().statusCode(401).body("error.code", equalTo("AuthenticationFailed"));
        as(idp.anyUser().sign()).get("/actuator/prometheus").then().statusCode(403)
                .body("error.code", equalTo("AuthorizationFailed"));
        as(idp.anyUser().roles("Platform.Admin").sign()).get("/actuator/prometheus").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void openApiDocumentIsServed() {
        anonymous().get("/v3/api-docs").then().statusCode(200)
                .body("openapi", containsString("3."))
                .body("info.title", org.hamcrest.Matchers.equalTo("Mooring"))
                .body("paths", org.hamcrest.Matchers.hasKey("/subscriptions/{subscriptionId}"))
                .body("paths", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("/error")));
    }
}

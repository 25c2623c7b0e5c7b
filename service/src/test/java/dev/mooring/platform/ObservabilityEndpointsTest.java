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

    @Test
    void theApiDocumentHasRealResponseCodesTypedBodiesAndClusterConnect() {
        var document = anonymous().get("/v3/api-docs").then().statusCode(200).extract().jsonPath();
        String configurations = "paths.'/dataplane/{region}/v1/clusters/{subscriptionId}/{resourceGroupName}/{clusterName}/configurations'.get.responses";
        org.assertj.core.api.Assertions.assertThat(document.getMap(configurations)).containsKeys("200", "304", "401", "default");
        org.assertj.core.api.Assertions.assertThat(document.getString(configurations + ".'200'.content.'*/*'.schema.'$ref'"))
                .isEqualTo("#/components/schemas/Snapshot");
        org.assertj.core.api.Assertions.assertThat(document.getString(configurations + ".'401'.content.'application/json'.schema.'$ref'"))
                .isEqualTo("#/components/schemas/ArmError");
        org.assertj.core.api.Assertions.assertThat(document.getMap(configurations + ".'304'")).doesNotContainKey("content");
        String inventory = "paths.'/inventory/v1/clusters'.get.responses.'200'.content";
        org.assertj.core.api.Assertions.assertThat(document.getMap(inventory)).containsKeys("application/json", "text/csv");
        org.assertj.core.api.Assertions.assertThat(document.getString(inventory + ".'application/json'.schema.'$ref'"))
                .isEqualTo("#/components/schemas/ClusterPage");
        org.assertj.core.api.Assertions.assertThat(document.getMap("paths.'/connect/{clusterHash}/{kubernetesPath}'"))
                .containsKeys("get", "post", "put", "patch", "delete");
        org.assertj.core.api.Assertions.assertThat(document.getMap("components.schemas.ArmError.properties"))
                .containsKey("error");
    }

    @Test
    void swaggerUiIsServed() {
        anonymous().get("/swagger-ui/index.html").then().statusCode(200)
                .body(containsString("swagger-ui"));
        anonymous().redirects().follow(false).get("/swagger-ui.html").then()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(302), org.hamcrest.Matchers.is(200)));
    }
}

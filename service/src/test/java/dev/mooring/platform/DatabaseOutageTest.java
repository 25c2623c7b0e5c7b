package dev.mooring.platform;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.MooringApplication;
import dev.mooring.access.BuiltInRoles;
import dev.mooring.access.RoleAssignments;
import dev.mooring.tenancy.Subscriptions;
import dev.mooring.testing.ServiceTest;
import dev.mooring.testing.TestIdentityProvider;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL goes away and comes back under a running replica: meanwhile callers get a quick 503 with an ARM body
 * and Retry-After, readiness reads OUT_OF_SERVICE and liveness UP; afterwards everything works without a restart.
 * The replica runs on a PostgreSQL of its own, so that stopping it disturbs no other test.
 */
class DatabaseOutageTest {

    private static final Duration QUICK = Duration.ofMillis(3500);

    @Test
    void aReplicaAnswersQuicklyWhileTheDatabaseIsDownAndRecoversByItself() throws Exception {
        Path data = Files.createTempDirectory("mooring-outage-");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        int databasePort = postgres.getPort();
        Map<String, Object> properties = new HashMap<>(ServiceTest.servicePropertiesAsMap());
        // A free port: application.properties names 8080, which only a command-line argument outranks.
        properties.put("spring.datasource.url", "jdbc:postgresql://localhost:" + databasePort + "/postgres");
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(MooringApplication.class)
                .properties(properties).run("--server.port=0")) {
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            UUID tenant = UUID.randomUUID();
            UUID subscription = UUID.randomUUID();
            UUID owner = UUID.randomUUID();
            service.getBean(Subscriptions.class).ensureRegistered(subscription, tenant, "Outage");
            service.getBean(RoleAssignments.class).grantAtSubscription(subscription, tenant, BuiltInRoles.OWNER, owner,
                    "User", "test");
            String token = TestIdentityProvider.shared().user(tenant.toString(), owner.toString()).sign();
            String groups = "/subscriptions/" + subscription + "/resourcegroups?api-version=2021-04-01";
            assertThat(get(port, token, groups).statusCode()).isEqualTo(200);
            String eventSubscriptions = "/subscriptions/" + subscription
                    + "/providers/Microsoft.EventGrid/eventSubscriptions?api-version=2022-06-15";
            assertThat(get(port, token, eventSubscriptions).statusCode()).isEqualTo(200);

            postgres.close();
            Timed down = timed(() -> get(port, token, groups));
            assertThat(down.response().statusCode()).isEqualTo(503);
            assertThat(down.response().header("Retry-After")).isNotNull();
            assertThat(down.response().jsonPath().getString("error.code")).isEqualTo("ServiceUnavailable");
            assertThat(down.took()).isLessThan(QUICK);
            // connectedClusters 2026-05-01 (its long-running PATCH included) and the public OIDC issuer alike.
            String cluster = "/subscriptions/" + subscription + "/resourceGroups/rg/providers/Microsoft.Kubernetes"
                    + "/connectedClusters/c?api-version=2026-05-01";
            for (Response answer : java.util.List.of(get(port, token, cluster),
                    send(port, token, "PATCH", cluster, "{\"tags\":{\"a\":\"b\"}}"),
                    get(port, null, "/oidc/" + "0".repeat(64) + "/.well-known/openid-configuration"),
                    get(port, null, "/oidc/" + "0".repeat(64) + "/openid/v1/jwks"))) {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.jsonPath().getString("error.code")).isEqualTo("ServiceUnavailable");
            }
            String tagNames = "/subscriptions/" + subscription + "/tagNames?api-version=2021-04-01";
            Timed tagsDown = timed(() -> get(port, token, tagNames));
            assertThat(tagsDown.response().statusCode()).isEqualTo(503);
            assertThat(tagsDown.response().jsonPath().getString("error.code")).isEqualTo("ServiceUnavailable");
            Timed notificationsDown = timed(() -> get(port, token, eventSubscriptions));
            assertThat(notificationsDown.response().statusCode()).isEqualTo(503);
            assertThat(notificationsDown.response().jsonPath().getString("error.code")).isEqualTo("ServiceUnavailable");
            assertThat(notificationsDown.took()).isLessThan(QUICK);
            String flux = "/subscriptions/" + subscription + "/resourceGroups/rg/providers/Microsoft.Kubernetes"
                    + "/connectedClusters/c1/providers/Microsoft.KubernetesConfiguration/fluxConfigurations";
            for (String[] call : new String[][] {{"GET", flux}, {"GET", flux + "/fleet"}, {"PUT", flux + "/fleet"},
                    {"PATCH", flux + "/fleet"}, {"DELETE", flux + "/fleet"},
                    {"GET", flux + "/fleet/operations/" + UUID.randomUUID()}}) {
                Timed fluxDown = timed(() -> send(port, token, call[0], call[1] + "?api-version=2025-04-01",
                        "{\"properties\":{\"gitRepository\":{\"url\":\"https://github.com/example/fleet\","
                                + "\"repositoryRef\":{\"branch\":\"main\"}}}}"));
                assertThat(fluxDown.response().statusCode()).as(call[0] + " " + call[1]).isEqualTo(503);
                assertThat(fluxDown.response().jsonPath().getString("error.code")).isEqualTo("ServiceUnavailable");
                assertThat(fluxDown.took()).isLessThan(QUICK);
            }
            String extension = "/subscriptions/" + subscription + "/resourceGroups/rg/providers/Microsoft.Kubernetes"
                    + "/connectedClusters/c1/providers/Microsoft.KubernetesConfiguration/extensions";
            for (String method : new String[] {"GET", "PUT", "PATCH", "DELETE"}) {
                Response extensionDown = RestAssured.given().baseUri("http://localhost").port(port)
                        .header("Authorization", "Bearer " + token).contentType("application/json")
                        .body("{\"properties\":{\"extensionType\":\"microsoft.flux\"}}")
                        .request(method, extension + "/flux?api-version=2025-03-01");
                assertThat(extensionDown.statusCode()).as(method + " extension").isEqualTo(503);
                assertThat(extensionDown.jsonPath().getString("error.code")).isEqualTo("ServiceUnavailable");
            }
            assertThat(get(port, token, extension + "?api-version=2023-05-01").statusCode()).isEqualTo(503);
            assertThat(get(port, token, extension + "/flux/operations/" + UUID.randomUUID() + "?api-version=2025-03-01")
                    .statusCode()).isEqualTo(503);
            // An agent call whose certificate Mooring does not hold in memory yet (the lean path reads it once).
            String unknownCertificate = tokenNamingAnUnknownCertificate(port);
            Timed heartbeatDown = timed(() -> RestAssured.given().baseUri("http://localhost").port(port)
                    .header("Authorization", unknownCertificate).contentType("application/json")
                    .body("{}").post("/dataplane/eastus/v1/clusters/" + subscription + "/rg/c1/heartbeat"));
            assertThat(heartbeatDown.response().statusCode()).isEqualTo(503);
            assertThat(heartbeatDown.response().jsonPath().getString("error.code")).isEqualTo("ServiceUnavailable");
            assertThat(heartbeatDown.took()).isLessThan(QUICK);
            Timed readiness = timed(() -> get(port, null, "/actuator/health/readiness"));
            assertThat(readiness.response().statusCode()).isEqualTo(503);
            assertThat(readiness.response().jsonPath().getString("status")).isEqualTo("OUT_OF_SERVICE");
            assertThat(readiness.took()).isLessThan(QUICK);
            Timed liveness = timed(() -> get(port, null, "/actuator/health/liveness"));
            assertThat(liveness.response().statusCode()).isEqualTo(200);
            assertThat(liveness.took()).isLessThan(QUICK);

            postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                    .setPort(databasePort).start();
            eventually(Duration.ofSeconds(30), () -> {
                assertThat(get(port, null, "/actuator/health/readiness").statusCode()).isEqualTo(200);
                assertThat(get(port, token, groups).statusCode()).isEqualTo(200);
                assertThat(get(port, token, eventSubscriptions).statusCode()).isEqualTo(200);
            });
        } finally {
            postgres.close();
        }
    }

    private record Timed(Response response, Duration took) {
    }

    /** An agent call token naming by thumbprint ({@code x5t#S256}) a certificate nobody was issued. */
    private static String tokenNamingAnUnknownCertificate(int port) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        byte[] thumbprint = new byte[32];
        new java.security.SecureRandom().nextBytes(thumbprint);
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.ES256)
                        .x509CertSHA256Thumbprint(com.nimbusds.jose.util.Base64URL.encode(thumbprint)).build(),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().audience("http://localhost:" + port + "/dataplane/eastus")
                        .issueTime(new java.util.Date()).expirationTime(new java.util.Date(System.currentTimeMillis() + 60_000))
                        .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner((java.security.interfaces.ECPrivateKey)
                generator.generateKeyPair().getPrivate()));
        return "AgentToken " + jwt.serialize();
    }

    private static Timed timed(java.util.function.Supplier<Response> call) {
        long started = System.nanoTime();
        Response response = call.get();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
    }

    private static Response send(int port, String token, String method, String path, String body) {
        return RestAssured.given().baseUri("http://localhost").port(port).header("Authorization", "Bearer " + token)
                .contentType("application/json").body(body).request(method, path);
    }

    private static Response get(int port, String token, String path) {
        var request = RestAssured.given().baseUri("http://localhost").port(port);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.get(path);
    }
}

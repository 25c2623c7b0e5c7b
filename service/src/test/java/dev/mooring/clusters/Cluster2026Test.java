package dev.mooring.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** What connectedClusters 2026-05-01 adds, as ARM shows it, and what older versions keep showing. */
@ExtendWith(OutputCaptureExtension.class)
class Cluster2026Test extends ClusterTest {

    static final String V2026 = Cluster2026ConformanceTest.V2026;
    static final String SECRET = "s3cr3t-agentry-value-" + java.util.UUID.randomUUID();

    @Autowired
    JdbcTemplate jdbc;

    static String body2026(String extraProperties) {
        return "{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{"
                + "\"agentPublicKeyCertificate\":\"" + OnboardingKeys.any() + "\"" + extraProperties + "}}";
    }

    static String agentry(String secret) {
        return ",\"arcAgentryConfigurations\":[{\"feature\":\"proxy\",\"settings\":{\"level\":\"debug\"},"
                + "\"protectedSettings\":{\"token\":\"" + secret + "\"}}]";
    }

    @Test
    void protectedAgentrySettingsAreSealedNeverShownNorLogged(CapturedOutput output) {
        Tenant t = readyTenant();
        String created = as(t.owner()).contentType("application/json").body(body2026(agentry(SECRET)))
                .put(cluster(t, "agentry", V2026)).then().statusCode(201)
                .body("properties.arcAgentryConfigurations[0].feature", equalTo("proxy"))
                .body("properties.arcAgentryConfigurations[0].settings.level", equalTo("debug"))
                .body("properties.arcAgentryConfigurations[0].protectedSettings", nullValue())
                .extract().asString();
        assertThat(created).doesNotContain(SECRET);
        awaitProvisioned(t.owner(), cluster(t, "agentry", V2026));
        assertThat(as(t.owner()).get(cluster(t, "agentry", V2026)).asString()).doesNotContain(SECRET);
        assertThat(as(t.owner()).get(t.subscriptionPath() + "/providers/Microsoft.Kubernetes/connectedClusters?api-version="
                + V2026).asString()).doesNotContain(SECRET);

        Map<String, Object> row = jdbc.queryForMap("select cast(agentry_settings as text) settings, agentry_protected,"
                + " agentry_protected_key_id from connected_clusters where name = 'agentry' and subscription_id = ?",
                t.subscriptionId());
        assertThat((String) row.get("settings")).contains("debug").doesNotContain(SECRET);
        assertThat(new String((byte[]) row.get("agentry_protected"), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(row.get("agentry_protected_key_id")).isNotNull();

        // A read-modify-write (GET shows no protected settings) keeps them; dropping the feature drops them.
        as(t.owner()).contentType("application/json").body(body2026(",\"arcAgentryConfigurations\":[{\"feature\":"
                + "\"proxy\",\"settings\":{\"level\":\"info\"}}]")).put(cluster(t, "agentry", V2026)).then().statusCode(200);
        assertThat(jdbc.queryForObject("select agentry_protected is not null from connected_clusters where name ="
                + " 'agentry' and subscription_id = ?", Boolean.class, t.subscriptionId())).isTrue();
        as(t.owner()).contentType("application/json").body(body2026(",\"arcAgentryConfigurations\":[]"))
                .put(cluster(t, "agentry", V2026)).then().statusCode(200);
        assertThat(jdbc.queryForObject("select agentry_protected is null from connected_clusters where name ="
                + " 'agentry' and subscription_id = ?", Boolean.class, t.subscriptionId())).isTrue();
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    @Test
    void aGatewayThatDoesNotExistIsAClear400AndTheSwitchIsStored() {
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body(body2026(",\"gateway\":{\"enabled\":true,\"resourceId\":"
                + "\"/subscriptions/" + t.subscriptionId() + "/providers/Microsoft.HybridCompute/gateways/g1\"}"))
                .put(cluster(t, "gw", V2026)).then().statusCode(400)
                .body("error.code", equalTo("GatewayNotFound"))
                .body("error.target", equalTo("properties.gateway.resourceId"));
        as(t.owner()).contentType("application/json").body(body2026(",\"gateway\":{\"enabled\":true}"))
                .put(cluster(t, "gw", V2026)).then().statusCode(201).body("properties.gateway.enabled", equalTo(true));
        // 2024-01-01 knows no gateway: it neither shows it nor loses it on its PUT.
        awaitProvisioned(t.owner(), cluster(t, "gw", V2026));
        as(t.owner()).get(cluster(t, "gw", V2024)).then().statusCode(200).body("properties.gateway", nullValue());
        as(t.owner()).contentType("application/json").body(connectBody("eastus", OnboardingKeys.any()))
                .put(cluster(t, "gw", V2024)).then().statusCode(200);
        as(t.owner()).get(cluster(t, "gw", V2026)).then().body("properties.gateway.enabled", equalTo(true));
    }

    @Test
    void theOidcIssuerIsPublishedPerClusterOrTheSelfHostedOneIsShown() {
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body(body2026(",\"oidcIssuerProfile\":{\"enabled\":true},"
                + "\"securityProfile\":{\"workloadIdentity\":{\"enabled\":true}}"))
                .put(cluster(t, "oidc", V2026)).then().statusCode(201)
                .body("properties.oidcIssuerProfile.enabled", equalTo(true))
                .body("properties.oidcIssuerProfile.issuerUrl", startsWith("http"))
                .body("properties.oidcIssuerProfile.issuerUrl", endsWith("/oidc/" + ClusterCredentials.hash(
                        "/subscriptions/" + t.subscriptionId() + "/resourceGroups/rg/providers/Microsoft.Kubernetes"
                                + "/connectedClusters/oidc") + "/"))
                .body("properties.securityProfile.workloadIdentity.enabled", equalTo(true));
        as(t.owner()).contentType("application/json").body(body2026(",\"oidcIssuerProfile\":{\"enabled\":true,"
                + "\"selfHostedIssuerUrl\":\"https://issuer.example.com/abc\"}"))
                .put(cluster(t, "selfhosted", V2026)).then().statusCode(201)
                .body("properties.oidcIssuerProfile.issuerUrl", nullValue())
                .body("properties.oidcIssuerProfile.selfHostedIssuerUrl", equalTo("https://issuer.example.com/abc"));
        as(t.owner()).contentType("application/json").body(body2026(",\"securityProfile\":{\"workloadIdentity\":"
                + "{\"enabled\":true}}")).put(cluster(t, "nooidc", V2026)).then().statusCode(400)
                .body("error.target", equalTo("properties.securityProfile.workloadIdentity.enabled"));
    }

    @Test
    void aClusterWhoseAgentNeverOnboardedReadsAgentNotInstalledWhereTheVersionKnowsIt() {
        Tenant t = readyTenant();
        as(t.owner()).contentType("application/json").body(body2026("")).put(cluster(t, "lonely", V2026)).then()
                .statusCode(201);
        awaitProvisioned(t.owner(), cluster(t, "lonely", V2026));
        as(t.owner()).get(cluster(t, "lonely", V2026)).then().body("properties.connectivityStatus", equalTo("Connecting"));
        clock.advance(Duration.ofHours(2));
        as(t.owner()).get(cluster(t, "lonely", V2026)).then()
                .body("properties.connectivityStatus", equalTo("AgentNotInstalled"));
        as(t.owner()).get(cluster(t, "lonely", "2024-12-01-preview")).then()
                .body("properties.connectivityStatus", equalTo("AgentNotInstalled"));
        for (String older : new String[] {"2024-07-15-preview", V2024, V2021_10, V2021_03}) {
            as(t.owner()).get(cluster(t, "lonely", older)).then().statusCode(200)
                    .body("properties.connectivityStatus", equalTo("Connecting"));
        }
    }

    @Test
    void theProviderManifestListsEveryServedVersion() {
        Tenant t = readyTenant();
        java.util.List<String> listed = as(t.owner()).get(t.subscriptionPath()
                + "/providers/Microsoft.Kubernetes?api-version=2021-04-01").then().statusCode(200).extract().jsonPath()
                .getList("resourceTypes.find { it.resourceType == 'connectedClusters' }.apiVersions", String.class);
        assertThat(listed).containsExactlyInAnyOrderElementsOf(ClusterApiVersions.MODELS.versions());
    }
}

package dev.mooring.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.arm.SystemData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Internal model ⇄ versioned wire models: what a version shows it can write back unchanged. */
class WireModelRoundTripTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SystemData.Actor ACTOR = new SystemData.Actor("user@test", "User");
    private final UUID tenant = UUID.randomUUID();

    private static ClusterSpec full2024() {
        return new ClusterSpec("eastus", Map.of("env", "prod"), ClusterSpec.SYSTEM_ASSIGNED,
                AgentPublicKey.parse(OnboardingKeys.any()), "AKS", "azure_stack_hci", null,
                ClusterSpec.SINCE_2024, null, "1.28", "Enabled",
                "/subscriptions/x/providers/Microsoft.HybridCompute/privateLinkScopes/s", "True",
                Map.of("enableAzureRBAC", true, "adminGroupObjectIDs", List.of("g1"), "tenantID", "t1"),
                Map.of("desiredAgentVersion", "1.2.3", "agentAutoUpgrade", "Disabled"), null);
    }

    private ConnectedCluster created(ClusterSpec spec) {
        return ConnectedCluster.create(UUID.randomUUID(), "rg", "c1", spec, tenant, ACTOR, Instant.now());
    }

    private static JsonNode asJson(Object view) {
        return JSON.readTree(JSON.writeValueAsString(view));
    }

    @Test
    void version2024RoundTripsEveryWritableField() {
        ClusterSpec original = full2024();
        Arc2024Model model = new Arc2024Model();
        ClusterSpec again = model.readPut(asJson(model.view(created(original), "Connecting")));
        assertThat(again.location()).isEqualTo(original.location());
        assertThat(again.tags()).isEqualTo(original.tags());
        assertThat(again.identityType()).isEqualTo(original.identityType());
        assertThat(again.agentPublicKey().sha256()).isEqualTo(original.agentPublicKey().sha256());
        assertThat(again.distribution()).isEqualTo(original.distribution());
        assertThat(again.infrastructure()).isEqualTo(original.infrastructure());
        assertThat(again).usingRecursiveComparison().comparingOnlyFields("written", "kind", "distributionVersion",
                "privateLinkState", "privateLinkScopeResourceId", "azureHybridBenefit", "aadProfile", "arcAgentProfile")
                .isEqualTo(original);
    }

    @Test
    void version2021RoundTripsItsFieldsAndItsWritesKeepThe2024Ones() {
        ConnectedCluster cluster = created(full2024());
        Arc2021Model model = new Arc2021Model();
        JsonNode shown = asJson(model.view(cluster, "Connecting"));
        assertThat(shown.has("kind")).isFalse();
        assertThat(shown.get("properties").has("distributionVersion")).isFalse();
        assertThat(shown.get("properties").has("aadProfile")).isFalse();

        ClusterSpec written = model.readPut(shown);
        assertThat(written.written()).isEmpty();
        cluster.apply("rg", "c1", written, tenant, ACTOR, Instant.now());
        JsonNode after = asJson(new Arc2024Model().view(cluster, "Connecting"));
        assertThat(after.get("properties").get("distributionVersion").stringValue()).isEqualTo("1.28");
        assertThat(after.get("properties").get("privateLinkState").stringValue()).isEqualTo("Enabled");
        assertThat(after.get("properties").get("aadProfile").get("tenantID").stringValue()).isEqualTo("t1");
        assertThat(after.get("properties").get("arcAgentProfile").get("agentAutoUpgrade").stringValue()).isEqualTo("Disabled");
    }

    @Test
    void aMinimalClusterShowsNoEmptyOrNullFields() {
        ClusterSpec minimal = ClusterSpec.common("westeurope", Map.of(), ClusterSpec.NONE,
                AgentPublicKey.parse(OnboardingKeys.any()), null, null, null);
        for (ClusterWireModel model : ClusterApiVersions.MODELS.all()) {
            JsonNode shown = asJson(model.view(created(minimal), "Connecting"));
            assertThat(shown.toString()).doesNotContain("null");
            assertThat(shown.get("identity").has("principalId")).isFalse();
            ClusterSpec again = model.readPut(shown);
            assertThat(again.identityType()).isEqualTo(ClusterSpec.NONE);
            assertThat(again.distribution()).isNull();
        }
    }

    @Test
    void systemAssignedIdentityIsStableAcrossReplacements() {
        ConnectedCluster cluster = created(full2024());
        UUID principal = cluster.identityPrincipalId();
        cluster.apply("rg", "c1", full2024(), tenant, ACTOR, Instant.now());
        assertThat(cluster.identityPrincipalId()).isEqualTo(principal);
        assertThat(cluster.identityTenantId()).isEqualTo(tenant);
    }

    @Test
    void version2026RoundTripsItsProfilesNeverShowsProtectedSettingsAndOlderWritesKeepThem() {
        ClusterSpec spec = full2024().with2026(new ClusterSpec.Profiles2026(
                List.of(Map.of("type", "Strato", "userSpecifiedVersion", "0.1.1", "majorVersion", 0)), true, null, true,
                false, List.of(new ClusterSpec.AgentryConfiguration("proxy", Map.of("level", "debug"),
                        Map.of("token", "hidden-value")))), java.util.EnumSet.allOf(ClusterSpec.Property.class));
        ConnectedCluster cluster = created(spec);
        Arc2026Model model = Arc2026Model.stable();
        JsonNode shown = asJson(model.view(cluster, "Connecting"));
        assertThat(shown.toString()).doesNotContain("hidden-value").doesNotContain("protectedSettings");

        ClusterSpec.Profiles2026 again = model.readPut(shown).profiles2026();
        assertThat(again.systemComponents()).isEqualTo(spec.profiles2026().systemComponents());
        assertThat(again.oidcIssuerEnabled()).isTrue();
        assertThat(again.workloadIdentityEnabled()).isTrue();
        assertThat(again.gatewayEnabled()).isFalse();
        assertThat(again.agentryConfigurations()).singleElement().satisfies(c -> {
            assertThat(c.feature()).isEqualTo("proxy");
            assertThat(c.settings()).isEqualTo(Map.of("level", "debug"));
            assertThat(c.protectedSettings()).as("not shown, so kept on write-back").isNull();
        });

        Arc2024Model older = new Arc2024Model();
        JsonNode shown2024 = asJson(older.view(cluster, "Connecting"));
        for (String field : List.of("oidcIssuerProfile", "securityProfile", "gateway", "arcAgentryConfigurations")) {
            assertThat(shown2024.get("properties").has(field)).as(field).isFalse();
        }
        cluster.apply("rg", "c1", older.readPut(shown2024), tenant, ACTOR, Instant.now());
        assertThat(asJson(model.view(cluster, "Connecting")).get("properties")).isEqualTo(shown.get("properties"));
    }

    @Test
    void agentNotInstalledShowsOnlyWhereTheVersionsEnumHasIt() {
        ConnectedCluster cluster = created(full2024());
        String status = ConnectivityPolicy.AGENT_NOT_INSTALLED;
        assertThat(asJson(Arc2026Model.stable().view(cluster, status)).at("/properties/connectivityStatus").stringValue())
                .isEqualTo(status);
        assertThat(asJson(Arc2026Model.previews().view(cluster, status)).at("/properties/connectivityStatus").stringValue())
                .isEqualTo(status);
        for (ClusterWireModel older : List.of(Arc2026Model.preview2024(), new Arc2024Model(), new Arc2021Model())) {
            assertThat(asJson(older.view(cluster, status)).at("/properties/connectivityStatus").stringValue())
                    .isEqualTo(ConnectivityPolicy.CONNECTING);
        }
    }
}

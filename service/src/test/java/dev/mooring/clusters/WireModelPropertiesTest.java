package dev.mooring.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.arm.SystemData;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Randomised round trips through every api-version's wire model (in the spirit of ARO-HCP's conversion fuzz
 * tests): what a version shows of a cluster reads back as the same spec, and a random PATCH changes exactly the
 * properties it names and leaves the rest as they were.
 */
class WireModelPropertiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SystemData.Actor ACTOR = new SystemData.Actor("user@test", "User");
    private static final AgentPublicKey KEY = AgentPublicKey.parse(OnboardingKeys.any());
    private static final UUID TENANT = UUID.randomUUID();

    @Provide
    Arbitrary<ClusterWireModel> models() {
        return Arbitraries.of(ClusterApiVersions.MODELS.all());
    }

    private static Arbitrary<String> words() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-_.").ofMinLength(1).ofMaxLength(20);
    }

    private static Arbitrary<Map<String, String>> tags() {
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10),
                Arbitraries.strings().alpha().numeric().ofMaxLength(12)).ofMaxSize(4);
    }

    @Provide
    Arbitrary<ClusterSpec> specs() {
        return Builders.withBuilder(() -> new Object[15])
                .use(Arbitraries.of("eastus", "westeurope")).in((a, v) -> set(a, 0, v))
                .use(tags()).in((a, v) -> set(a, 1, v))
                .use(Arbitraries.of(ClusterSpec.NONE, ClusterSpec.SYSTEM_ASSIGNED)).in((a, v) -> set(a, 2, v))
                .use(words().injectNull(0.3)).in((a, v) -> set(a, 4, v))
                .use(words().injectNull(0.3)).in((a, v) -> set(a, 5, v))
                .use(words().injectNull(0.3)).in((a, v) -> set(a, 9, v))
                .use(Arbitraries.of("Enabled", "Disabled")).in((a, v) -> set(a, 10, v))
                .use(Arbitraries.of("True", "False", "NotApplicable")).in((a, v) -> set(a, 12, v))
                .use(Arbitraries.of(true, false).injectNull(0.3)).in((a, v) -> set(a, 13, v == null ? null
                        : Map.of("enableAzureRBAC", v, "adminGroupObjectIDs", List.of("g-" + v), "tenantID", "t")))
                .use(Arbitraries.of("Enabled", "Disabled").injectNull(0.3)).in((a, v) -> set(a, 14, v == null ? null
                        : Map.of("desiredAgentVersion", "1.2.3", "agentAutoUpgrade", v)))
                .build(a -> new ClusterSpec((String) a[0], cast(a[1]), (String) a[2], KEY, (String) a[4],
                        (String) a[5], null, ClusterSpec.SINCE_2024, null, (String) a[9],
                        (String) a[10], "Enabled".equals(a[10])
                                ? "/subscriptions/" + UUID.randomUUID() + "/providers/Microsoft.HybridCompute/privateLinkScopes/s"
                                : null,
                        (String) a[12], cast(a[13]), cast(a[14]), null));
    }

    @Property(tries = 200)
    void whatAVersionShowsReadsBackAsTheSameSpec(@ForAll("models") ClusterWireModel model,
            @ForAll("specs") ClusterSpec original) {
        ConnectedCluster cluster = ConnectedCluster.create(UUID.randomUUID(), "rg", "c1", original, TENANT, ACTOR,
                Instant.now());
        ClusterSpec again = model.readPut(asJson(model.view(cluster, "Connecting")));

        assertThat(again.location()).isEqualTo(original.location());
        assertThat(again.tags()).isEqualTo(original.tags());
        assertThat(again.identityType()).isEqualTo(original.identityType());
        assertThat(again.agentPublicKey().sha256()).isEqualTo(original.agentPublicKey().sha256());
        assertThat(again.distribution()).isEqualTo(original.distribution());
        assertThat(again.infrastructure()).isEqualTo(original.infrastructure());
        for (ClusterSpec.Property property : again.written()) {
            assertThat(valueOf(again, property)).as(property.name()).isEqualTo(valueOf(original, property));
        }
        // Writing back what was shown changes nothing, including what this version does not show.
        Object before = asJson(new Arc2024Model().view(cluster, "Connecting"));
        cluster.apply("rg", "c1", again, TENANT, ACTOR, Instant.now());
        assertThat(without(asJson(new Arc2024Model().view(cluster, "Connecting")), "systemData"))
                .isEqualTo(without((JsonNode) before, "systemData"));
    }

    record Patch(Map<String, String> tags, Optional<Optional<String>> distribution,
            Optional<Optional<String>> distributionVersion, Optional<Optional<String>> azureHybridBenefit) {

        JsonNode body() {
            ObjectNode body = JSON.createObjectNode();
            if (tags != null) {
                body.set("tags", JSON.valueToTree(tags));
            }
            ObjectNode properties = body.putObject("properties");
            put(properties, "distribution", distribution);
            put(properties, "distributionVersion", distributionVersion);
            put(properties, "azureHybridBenefit", azureHybridBenefit);
            return body;
        }

        private static void put(ObjectNode node, String name, Optional<Optional<String>> value) {
            value.ifPresent(v -> {
                if (v.isPresent()) {
                    node.put(name, v.get());
                } else {
                    node.putNull(name);
                }
            });
        }
    }

    private static <T> Arbitrary<Optional<Optional<T>>> mergePatch(Arbitrary<T> values) {
        return Arbitraries.oneOf(Arbitraries.just(Optional.empty()), Arbitraries.just(Optional.of(Optional.empty())),
                values.map(v -> Optional.of(Optional.of(v))));
    }

    @Provide
    Arbitrary<Patch> patches() {
        return Builders.withBuilder(() -> new Object[4])
                .use(tags().injectNull(0.4)).in((a, v) -> set(a, 0, v))
                .use(mergePatch(words())).in((a, v) -> set(a, 1, v))
                .use(mergePatch(words())).in((a, v) -> set(a, 2, v))
                .use(mergePatch(Arbitraries.of("True", "False", "NotApplicable"))).in((a, v) -> set(a, 3, v))
                .build(a -> new Patch(cast(a[0]), cast(a[1]), cast(a[2]), cast(a[3])));
    }

    @Property(tries = 200)
    void aPatchChangesExactlyWhatItNamesThatTheVersionMayPatch(@ForAll("models") ClusterWireModel model,
            @ForAll("specs") ClusterSpec spec, @ForAll("patches") Patch patch) {
        ConnectedCluster cluster = ConnectedCluster.create(UUID.randomUUID(), "rg", "c1", spec, TENANT, ACTOR,
                Instant.now());
        JsonNode before = asJson(new Arc2024Model().view(cluster, "Connecting"));
        cluster.patch(model.readPatch(patch.body()), ACTOR, Instant.now());
        JsonNode after = asJson(new Arc2024Model().view(cluster, "Connecting"));

        assertThat(after.get("tags")).isEqualTo(patch.tags() != null ? JSON.valueToTree(patch.tags()) : before.get("tags"));
        boolean patchesProperties = !(model instanceof Arc2021Model);
        expect(before, after, "distribution", patchesProperties ? patch.distribution() : Optional.empty(), null);
        expect(before, after, "distributionVersion", patchesProperties ? patch.distributionVersion() : Optional.empty(),
                null);
        expect(before, after, "azureHybridBenefit", patchesProperties ? patch.azureHybridBenefit() : Optional.empty(),
                "NotApplicable");
        for (String untouched : List.of("agentPublicKeyCertificate", "infrastructure", "privateLinkState", "aadProfile",
                "arcAgentProfile")) {
            assertThat(after.get("properties").get(untouched)).as(untouched).isEqualTo(before.get("properties").get(untouched));
        }
    }

    private static void expect(JsonNode before, JsonNode after, String property, Optional<Optional<String>> patched,
            String clearedTo) {
        JsonNode now = after.get("properties").get(property);
        if (patched.isEmpty()) {
            assertThat(now).as(property).isEqualTo(before.get("properties").get(property));
        } else if (patched.get().isEmpty()) {
            assertThat(now == null ? null : now.stringValue()).as(property).isEqualTo(clearedTo);
        } else {
            assertThat(now.stringValue()).as(property).isEqualTo(patched.get().get());
        }
    }

    private static Object valueOf(ClusterSpec spec, ClusterSpec.Property property) {
        return switch (property) {
            case KIND -> spec.kind();
            case DISTRIBUTION_VERSION -> spec.distributionVersion();
            case PRIVATE_LINK_STATE -> spec.privateLinkState();
            case PRIVATE_LINK_SCOPE_RESOURCE_ID -> spec.privateLinkScopeResourceId();
            case AZURE_HYBRID_BENEFIT -> spec.azureHybridBenefit();
            case AAD_PROFILE -> spec.aadProfile();
            case ARC_AGENT_PROFILE -> spec.arcAgentProfile();
            case SYSTEM_COMPONENTS -> spec.profiles2026().systemComponents();
            case OIDC_ISSUER_PROFILE -> java.util.Arrays.asList(spec.profiles2026().oidcIssuerEnabled(),
                    spec.profiles2026().selfHostedIssuerUrl());
            case SECURITY_PROFILE -> spec.profiles2026().workloadIdentityEnabled();
            case GATEWAY -> spec.profiles2026().gatewayEnabled();
            case ARC_AGENTRY_CONFIGURATIONS -> spec.profiles2026().agentryConfigurations();
        };
    }

    private static JsonNode without(JsonNode node, String field) {
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        copy.remove(field);
        return copy;
    }

    private static JsonNode asJson(Object view) {
        return JSON.readTree(JSON.writeValueAsString(view));
    }

    private static Object[] set(Object[] values, int index, Object value) {
        values[index] = value;
        return values;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}

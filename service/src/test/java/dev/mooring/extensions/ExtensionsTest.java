package dev.mooring.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.Preconditions;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.clusters.ClusterDirectory;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.secrets.SecretBox;
import dev.mooring.secrets.SecretsProperties;
import dev.mooring.testing.TestSecrets;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** The extensions resource: catalogue refusals, the version rule, immutability, secrets, identity, paging, reuse. */
@ExtendWith(OutputCaptureExtension.class)
class ExtensionsTest extends ExtensionTest {

    private static final String SECRET = "k3y-" + UUID.randomUUID();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ClusterExtensions clusterExtensions;

    @Autowired
    ClusterDirectory directory;

    @Autowired
    ExtensionAutoUpgrade autoUpgrade;

    @Autowired
    ExtensionSecretsCare secretsCare;

    @Autowired
    ExtensionRepository repository;

    @Autowired
    ExtensionSection section;

    private static String body(String type, String extra) {
        return "{\"properties\":{\"extensionType\":\"" + type + "\"" + extra + "}}";
    }

    private io.restassured.response.Response put(Tenant t, String name, String body, String version) {
        return as(t.owner()).contentType("application/json").body(body).put(extension(t, "c1", name, version));
    }

    @Test
    void whatTheCatalogueDoesNotOfferIsRefusedBeforeAnythingIsStored() {
        Tenant t = readyTenant("c1");
        put(t, "x", body("contoso.unknown", ""), V2025).then().statusCode(400)
                .body("error.code", equalTo("InvalidExtensionType"))
                .body("error.message", containsString("microsoft.flux"));
        put(t, "x", body(CERT_MANAGER, ",\"releaseTrain\":\"Nightly\""), V2025).then().statusCode(400)
                .body("error.code", equalTo("InvalidReleaseTrain"));
        put(t, "x", body(CERT_MANAGER, ",\"autoUpgradeMinorVersion\":false,\"version\":\"v9.9.9\""), V2025).then()
                .statusCode(400).body("error.code", equalTo("InvalidExtensionVersion"))
                .body("error.message", containsString("v1.17.1"));
        put(t, "x", body(CERT_MANAGER, ",\"scope\":{\"namespace\":{\"targetNamespace\":\"apps\"}}"), V2025).then()
                .statusCode(400).body("error.code", equalTo("InvalidScope"));
        put(t, "x", body(CERT_MANAGER, ",\"version\":\"v1.16.2\""), V2023).then().statusCode(400)
                .body("error.target", equalTo("properties.version"))
                .body("error.message", containsString("set 'autoUpgradeMinorVersion' to false"));
        put(t, "x", body(CERT_MANAGER, ",\"scope\":{\"cluster\":{\"releaseNamespace\":\"Not_A_Namespace\"}}"), V2025)
                .then().statusCode(400);
        put(t, "-bad-", body(CERT_MANAGER, ""), V2025).then().statusCode(400)
                .body("error.code", equalTo("InvalidExtensionName"));
        as(t.owner()).get(extensions(t, "c1", V2025)).then().statusCode(200).body("value", hasSize(0));
        assertThat(jdbc.queryForObject("select count(*) from cluster_extensions where subscription_id = ?",
                Integer.class, t.subscriptionId())).isZero();
    }

    @Test
    void aPinnedVersionStaysAndTypeAndScopeCannotChange() {
        Tenant t = readyTenant("c1");
        put(t, "certs", body(CERT_MANAGER, ",\"autoUpgradeMinorVersion\":false,\"version\":\"v1.16.2\""), V2025)
                .then().statusCode(201).body("properties.version", equalTo("v1.16.2"))
                .body("properties.autoUpgradeMinorVersion", equalTo(false))
                .body("properties.scope.cluster.releaseNamespace", equalTo("cert-manager"))
                .body("properties.packageUri", equalTo("oci://quay.io/jetstack/charts/cert-manager:v1.16.2"));
        put(t, "certs", body("microsoft.flux", ""), V2025).then().statusCode(400)
                .body("error.code", equalTo("PropertyChangeNotAllowed"));
        put(t, "certs", body(CERT_MANAGER, ",\"autoUpgradeMinorVersion\":false,\"version\":\"v1.16.2\","
                + "\"scope\":{\"cluster\":{\"releaseNamespace\":\"other\"}}"), V2025).then().statusCode(400)
                .body("error.code", equalTo("PropertyChangeNotAllowed"));
        // 2023-05-01 has no autoUpgradeMode; 2025-03-01 shows the default.
        as(t.owner()).get(extension(t, "c1", "certs", V2023)).then().statusCode(200)
                .body("properties.autoUpgradeMode", nullValue());
        as(t.owner()).get(extension(t, "c1", "certs", V2025)).then().statusCode(200)
                .body("properties.autoUpgradeMode", equalTo("compatible"));
        // A PATCH that turns auto-upgrade on unpins the version: the train's newest.
        as(t.owner()).contentType("application/json").body("{\"properties\":{\"autoUpgradeMinorVersion\":true}}")
                .patch(extension(t, "c1", "certs", V2025)).then().statusCode(202)
                .body("properties.version", equalTo("v1.17.1"));
        as(t.owner()).contentType("application/json").body("{\"properties\":{\"version\":\"v1.16.2\"}}")
                .patch(extension(t, "c1", "certs", V2025)).then().statusCode(400);
    }

    @Test
    void protectedSettingsAreSealedNeverReturnedNorLogged(CapturedOutput output) {
        Tenant t = readyTenant("c1");
        String settings = ",\"configurationProtectedSettings\":{\"apiKey\":\"" + SECRET + "\"}";
        String created = put(t, "certs", body(CERT_MANAGER, settings), V2025).then().statusCode(201).extract().asString();
        String replaced = put(t, "certs", body(CERT_MANAGER, settings), V2023).then().statusCode(200).extract().asString();
        String patched = as(t.owner()).contentType("application/json")
                .body("{\"properties\":{\"configurationProtectedSettings\":{\"apiKey\":\"" + SECRET + "\"}}}")
                .patch(extension(t, "c1", "certs", V2025)).then().statusCode(202).extract().asString();
        String fetched = as(t.owner()).get(extension(t, "c1", "certs", V2025)).then().statusCode(200).extract().asString();
        String listed = as(t.owner()).get(extensions(t, "c1", V2023)).then().statusCode(200).extract().asString();
        String refused = put(t, "other", body("contoso.unknown", settings), V2025).then().statusCode(400).extract()
                .asString();
        for (String response : List.of(created, replaced, patched, fetched, listed, refused)) {
            assertThat(response).doesNotContain(SECRET).doesNotContain("configurationProtectedSettings");
        }
        byte[] stored = jdbc.queryForObject("select protected_settings from cluster_extensions where subscription_id = ?",
                byte[].class, t.subscriptionId());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    @Test
    void protectedSettingsArePurgedAfterTheAgentFetchedThemAndResealedUnderANewKey() throws Exception {
        Tenant t = readyTenant("c1");
        String settings = ",\"configurationProtectedSettings\":{\"apiKey\":\"" + SECRET + "\"}";
        put(t, "fetched", body(CERT_MANAGER, settings), V2025).then().statusCode(201);
        ClusterReference cluster = directory.find(t.subscriptionId(), "rg", "c1").orElseThrow();
        section.entries(cluster);   // the agent fetches
        clock.advance(java.time.Duration.ofHours(49));
        put(t, "unfetched", body(CERT_MANAGER, settings), V2025).then().statusCode(201);
        assertThat(secretsCare.purgeFetched()).isPositive();
        assertThat(repository.findById(ClusterExtension.Key.of(cluster.id(), "fetched")).orElseThrow().sealed()).isNull();
        assertThat(repository.findById(ClusterExtension.Key.of(cluster.id(), "unfetched")).orElseThrow().sealed())
                .isNotNull();

        var constructor = SecretBox.class.getDeclaredConstructor(SecretsProperties.class);
        constructor.setAccessible(true);
        Map<String, String> bothKeys = Map.of(TestSecrets.ACTIVE, TestSecrets.KEY_1, "test-2", TestSecrets.KEY_2);
        assertThat(secretsCare.reencrypt(constructor.newInstance(new SecretsProperties("test-2", bothKeys))))
                .isPositive();
        ClusterExtension resealed = repository.findById(ClusterExtension.Key.of(cluster.id(), "unfetched")).orElseThrow();
        assertThat(resealed.sealed().keyId()).isEqualTo("test-2");
        SecretBox onlyNewKey = constructor.newInstance(new SecretsProperties("test-2", Map.of("test-2", TestSecrets.KEY_2)));
        assertThat(new String(onlyNewKey.open(resealed.sealed(), resealed.sealedFor()), StandardCharsets.UTF_8))
                .contains(SECRET);
        // Back under the service's key, for the other tests sharing the database.
        secretsCare.reencrypt(constructor.newInstance(new SecretsProperties(TestSecrets.ACTIVE, bothKeys)));
    }

    @Test
    void anExtensionWhoseDeleteTimedOutStaysFailedWhateverTheAgentReportsUntilItIsPutAgain() {
        Tenant t = readyTenant("c1");
        put(t, "certs", body(CERT_MANAGER, ""), V2025).then().statusCode(201);
        ClusterReference cluster = directory.find(t.subscriptionId(), "rg", "c1").orElseThrow();
        // Where a delete whose grace period ended leaves it: Failed, still to be removed by the agent.
        jdbc.update("update cluster_extensions set provisioning_state = 'Failed', removal_requested = true"
                + " where cluster_id = ?", cluster.id());
        section.report(cluster, "certs", tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree("{\"installState\":\"Installed\",\"version\":\"v1.17.1\"}"));
        as(t.owner()).get(extension(t, "c1", "certs", V2025)).then().body("properties.provisioningState",
                equalTo("Failed"));
        assertThat(section.entries(cluster)).singleElement()
                .satisfies(e -> assertThat(e.desiredState()).isEqualTo("remove"));
        put(t, "certs", body(CERT_MANAGER, ""), V2025).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Updating"));
        assertThat(section.entries(cluster)).singleElement()
                .satisfies(e -> assertThat(e.desiredState()).isEqualTo("apply"));
    }

    @Test
    void aSystemAssignedIdentityGetsAPrincipalIdAndListsArePaged() {
        Tenant t = readyTenant("c1");
        String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
        as(t.owner()).contentType("application/json")
                .body("{\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{\"extensionType\":\"" + CERT_MANAGER
                        + "\"}}").put(extension(t, "c1", "a-certs", V2025)).then().statusCode(201)
                .body("identity.type", equalTo("SystemAssigned"))
                .body("identity.principalId", matchesPattern(uuid))
                .body("identity.tenantId", equalTo(t.tenantId().toString()));
        put(t, "b-flux", body("microsoft.flux", ""), V2023).then().statusCode(201)
                .body("identity", nullValue())
                .body("properties.scope.cluster.releaseNamespace", equalTo("flux-system"));
        String next = as(t.owner()).get(extensions(t, "c1", V2025) + "&$top=1").then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].name", equalTo("a-certs"))
                .body("nextLink", notNullValue()).extract().path("nextLink");
        as(t.owner()).get(next).then().statusCode(200).body("value", hasSize(1))
                .body("value[0].name", equalTo("b-flux"));
    }

    @Test
    void otherFeaturesInstallAnExtensionTypeOnceAndAskWhetherItIsThere() {
        Tenant t = readyTenant("c1");
        ClusterReference cluster = directory.find(t.subscriptionId(), "rg", "c1").orElseThrow();
        ArmContext context = new ArmContext("2025-04-01", new CallerIdentity(t.tenantId().toString(),
                t.ownerId().toString(), null, "owner", false, Set.of(), Set.of()), Optional.of(t.tenantId()),
                Preconditions.NONE, cluster.resourceId(), URI.create("http://localhost" + cluster.resourceId()), null, null);
        assertThat(clusterExtensions.isInstalled(cluster, "microsoft.flux")).isFalse();

        ClusterExtensions.InstalledExtension flux = clusterExtensions.ensureInstalled(cluster, "Microsoft.Flux", context);
        assertThat(flux.name()).isEqualTo("flux");
        assertThat(flux.namespace()).isEqualTo("flux-system");
        assertThat(flux.provisioningState()).isEqualTo("Creating");
        assertThat(clusterExtensions.isInstalled(cluster, "microsoft.flux")).isTrue();
        assertThat(clusterExtensions.ensureInstalled(cluster, "microsoft.flux", context)).isEqualTo(flux);
        as(t.owner()).get(extension(t, "c1", "flux", V2025)).then().statusCode(200)
                .body("properties.extensionType", equalTo("microsoft.flux"))
                .body("properties.autoUpgradeMinorVersion", equalTo(true))
                .body("properties.releaseTrain", equalTo("Stable"));
        assertThatThrownBy(() -> clusterExtensions.ensureInstalled(cluster, "contoso.unknown", context))
                .isInstanceOfSatisfying(ArmException.class, e -> assertThat(e.error().code())
                        .isEqualTo("InvalidExtensionType"));
    }

    @Test
    void autoUpgradeMovesFollowersToTheTrainsNewestAndLeavesPinnedOnesAlone() {
        Tenant t = readyTenant("c1");
        put(t, "follows", body(CERT_MANAGER, ""), V2025).then().statusCode(201);
        put(t, "pinned", body(CERT_MANAGER, ",\"autoUpgradeMinorVersion\":false,\"version\":\"v1.16.2\""), V2025)
                .then().statusCode(201);
        // As if both had been created when v1.16.2 was the train's newest; the catalogue has since gained v1.17.1.
        jdbc.update("update cluster_extensions set target_version = 'v1.16.2', current_version = 'v1.16.2'"
                + " where subscription_id = ?", t.subscriptionId());
        long before = jdbc.queryForObject("select v.version from cluster_configuration_versions v join connected_clusters"
                + " c on c.id = v.cluster_id where c.subscription_id = ?", Long.class, t.subscriptionId());

        assertThat(autoUpgrade.upgrade()).isGreaterThanOrEqualTo(1);

        as(t.owner()).get(extension(t, "c1", "follows", V2025)).then()
                .body("properties.version", equalTo("v1.17.1"))
                .body("properties.currentVersion", equalTo("v1.16.2"));
        as(t.owner()).get(extension(t, "c1", "pinned", V2025)).then().body("properties.version", equalTo("v1.16.2"));
        assertThat(jdbc.queryForObject("select v.version from cluster_configuration_versions v join connected_clusters"
                + " c on c.id = v.cluster_id where c.subscription_id = ?", Long.class, t.subscriptionId()))
                .isGreaterThan(before);
        assertThat(autoUpgrade.upgrade()).as("nothing left to move").isZero();
    }

    @Test
    void autoUpgradeModesBoundHowFarAVersionMoves() {
        assertThat(ExtensionVersions.mayMove("1.2.3", "1.2.9", "patch")).isTrue();
        assertThat(ExtensionVersions.mayMove("1.2.3", "1.3.0", "patch")).isFalse();
        assertThat(ExtensionVersions.mayMove("1.2.3", "1.3.0", "compatible")).isTrue();
        assertThat(ExtensionVersions.mayMove("v1.2.3", "v2.0.0", "compatible")).isFalse();
        assertThat(ExtensionVersions.mayMove("1.3.0", "1.2.9", "compatible")).isFalse();
        assertThat(ExtensionVersions.ORDER.compare("1.18.0-alpha.0", "1.18.0")).isNegative();
        assertThat(ExtensionVersions.ORDER.compare("1.10.0", "1.9.0")).isPositive();
    }
}

package dev.mooring.configurations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mooring.secrets.SecretBox;
import dev.mooring.testing.TestSecrets;
import dev.mooring.clusters.ClusterDirectory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Protected settings: sealed at rest, never returned, never logged, rotatable, purged after delivery. */
@ExtendWith(OutputCaptureExtension.class)
class ProtectedSettingsTest extends ConfigurationTest {

    private static final String USER = "deploy-bot";
    private static final String PASSWORD = "s3cr3t-" + UUID.randomUUID();

    @Autowired
    ConfigurationRepository repository;

    @Autowired
    SourceControlConfigurations configurations;

    @Autowired
    ProtectedSettingsCare care;

    @Autowired
    ConfigurationDelivery delivery;

    @Autowired
    ClusterDirectory directory;

    private static String body() {
        return "{\"properties\":{\"repositoryUrl\":\"https://git.example.test/fleet\",\"configurationProtectedSettings\":"
                + "{\"httpsUser\":\"" + b64(USER) + "\",\"httpsKey\":\"" + b64(PASSWORD) + "\"}}}";
    }

    @Test
    void settingsAreSealedAtRestAndNeverReturnedOrLogged(CapturedOutput output) {
        Tenant t = readyTenant("c1");
        String created = as(t.owner()).contentType("application/json").body(body())
                .put(configuration(t, "c1", "private", V2023)).then().statusCode(201).extract().asString();
        String fetched = as(t.owner()).get(configuration(t, "c1", "private", V2021)).then().statusCode(200).extract().asString();
        String listed = as(t.owner()).get(clusterPath(t, "c1") + "/providers/Microsoft.KubernetesConfiguration/"
                + "sourceControlConfigurations?api-version=" + V2019).then().statusCode(200).extract().asString();
        // A refused request must not echo them either.
        String refused = as(t.owner()).contentType("application/json").body(body().replace("https://", "ssh://"))
                .put(configuration(t, "c1", "refused", V2023)).then().statusCode(400).extract().asString();
        for (String response : List.of(created, fetched, listed)) {
            assertThat(response).as("absent, not masked").doesNotContain("configurationProtectedSettings");
        }
        for (String response : List.of(created, fetched, listed, refused)) {
            assertThat(response).doesNotContain(PASSWORD).doesNotContain(b64(PASSWORD)).doesNotContain(b64(USER));
        }

        Map<String, Object> row = jdbc.queryForMap("""
                select s.protected_settings, s.protected_settings_key_id from source_control_configurations s
                  join connected_clusters c on c.id = s.cluster_id
                 where c.subscription_id = ? and s.name_key = 'private'""", t.subscriptionId());
        byte[] stored = (byte[]) row.get("protected_settings");
        assertThat(row.get("protected_settings_key_id")).isEqualTo(TestSecrets.ACTIVE);
        String storedText = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(storedText).doesNotContain(PASSWORD).doesNotContain(b64(PASSWORD)).doesNotContain(USER);

        SourceControlConfiguration configuration = repository.findByNames(t.subscriptionId(), "rg", "c1", "private").orElseThrow();
        assertThat(configurations.openProtectedSettings(configuration))
                .containsEntry("httpsUser", b64(USER)).containsEntry("httpsKey", b64(PASSWORD));
        assertThat(output.getAll()).doesNotContain(PASSWORD).doesNotContain(b64(PASSWORD));
    }

    @Test
    void aReplaceWithoutSettingsKeepsThemAndOneWithSettingsReplacesThem() {
        Tenant t = readyTenant("c1");
        String path = configuration(t, "c1", "kept", V2023);
        as(t.owner()).contentType("application/json").body(body()).put(path).then().statusCode(201);
        as(t.owner()).contentType("application/json").body("{\"properties\":{\"repositoryUrl\":\"https://git.example.test/fleet\"}}")
                .put(path).then().statusCode(200);
        SourceControlConfiguration kept = repository.findByNames(t.subscriptionId(), "rg", "c1", "kept").orElseThrow();
        assertThat(configurations.openProtectedSettings(kept)).containsEntry("httpsKey", b64(PASSWORD));
        as(t.owner()).contentType("application/json").body(body().replace(b64(PASSWORD), b64("rotated"))).put(path)
                .then().statusCode(200);
        SourceControlConfiguration replaced = repository.findByNames(t.subscriptionId(), "rg", "c1", "kept").orElseThrow();
        assertThat(configurations.openProtectedSettings(replaced)).containsEntry("httpsKey", b64("rotated"));
    }

    @Test
    void settingsMatchTheRepositoryKind() {
        Tenant t = readyTenant("c1");
        String ssh = "{\"properties\":{\"repositoryUrl\":\"git@github.com:org/repo\",\"configurationProtectedSettings\":"
                + "{\"sshPrivateKey\":\"" + b64("-----BEGIN OPENSSH PRIVATE KEY-----") + "\"}}}";
        as(t.owner()).contentType("application/json").body(ssh).put(configuration(t, "c1", "over-ssh", V2023)).then().statusCode(201);
        as(t.owner()).contentType("application/json").body(ssh.replace("git@github.com:org/repo", "https://github.com/org/repo"))
                .put(configuration(t, "c1", "mismatch", V2023)).then().statusCode(400);
        as(t.owner()).contentType("application/json").body(body().replace(",\"httpsKey\":\"" + b64(PASSWORD) + "\"", ""))
                .put(configuration(t, "c1", "half", V2023)).then().statusCode(400);
        as(t.owner()).contentType("application/json").body(body().replace("httpsUser", "token"))
                .put(configuration(t, "c1", "unknown-key", V2023)).then().statusCode(400);
        as(t.owner()).contentType("application/json").body(body().replace(b64(PASSWORD), "not base64!"))
                .put(configuration(t, "c1", "not-b64", V2023)).then().statusCode(400);
        as(t.owner()).contentType("application/json").body(body().replace("https://", "http://"))
                .put(configuration(t, "c1", "plain-http", V2023)).then().statusCode(400);
    }

    @Test
    void rotationReEncryptsUnderTheNewKeyAndTheOldKeyIsThenNotNeeded() {
        Tenant t = readyTenant("c1");
        as(t.owner()).contentType("application/json").body(body()).put(configuration(t, "c1", "rotated", V2023)).then().statusCode(201);
        SecretBox rotated = TestSecrets.box("test-2", Map.of(TestSecrets.ACTIVE, TestSecrets.KEY_1, "test-2", TestSecrets.KEY_2));
        assertThat(care.reencrypt(rotated)).isPositive();
        SourceControlConfiguration after = repository.findByNames(t.subscriptionId(), "rg", "c1", "rotated").orElseThrow();
        assertThat(after.sealed().keyId()).isEqualTo("test-2");
        SecretBox onlyNewKey = TestSecrets.box("test-2", Map.of("test-2", TestSecrets.KEY_2));
        assertThat(new String(onlyNewKey.open(after.sealed(), after.sealedFor()), StandardCharsets.UTF_8)).contains(b64(PASSWORD));
        // Bound to its row: the same ciphertext does not open for another configuration.
        assertThatThrownBy(() -> onlyNewKey.open(after.sealed(), after.key().clusterId() + "/other"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void settingsTheAgentFetchedArePurgedAfterTheRetention() {
        Tenant t = readyTenant("c1");
        as(t.owner()).contentType("application/json").body(body()).put(configuration(t, "c1", "fetched", V2023)).then().statusCode(201);
        delivery.desired(directory.find(t.subscriptionId(), "rg", "c1").orElseThrow());   // the agent fetches
        clock.advance(Duration.ofHours(49));
        as(t.owner()).contentType("application/json").body(body()).put(configuration(t, "c1", "unfetched", V2023)).then().statusCode(201);
        care.purgeFetched();
        assertThat(repository.findByNames(t.subscriptionId(), "rg", "c1", "fetched").orElseThrow().sealed()).isNull();
        assertThat(repository.findByNames(t.subscriptionId(), "rg", "c1", "unfetched").orElseThrow().sealed()).isNotNull();
    }
}

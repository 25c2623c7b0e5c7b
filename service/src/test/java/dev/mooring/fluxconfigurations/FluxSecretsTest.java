package dev.mooring.fluxconfigurations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mooring.secrets.SecretBox;
import dev.mooring.testing.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Protected settings and secret source fields: sealed at rest, never returned, never logged, kept or replaced,
 * re-sealed under a new key, purged after the agent fetched them.
 */
@ExtendWith(OutputCaptureExtension.class)
class FluxSecretsTest extends FluxTest {

    private static final String TOKEN = "pat-" + UUID.randomUUID();
    private static final String ACCOUNT_KEY = "acct-" + UUID.randomUUID();

    @Autowired
    FluxConfigurationRepository repository;

    @Autowired
    FluxConfigurations configurations;

    @Autowired
    FluxCare care;

    @Autowired
    FluxSection section;

    @Autowired
    dev.mooring.clusters.ClusterDirectory directory;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    private static String git() {
        return GIT.replace("\"repositoryRef\"", "\"httpsUser\":\"deploy-bot\",\"repositoryRef\"")
                .replace("\"kustomizations\"", "\"configurationProtectedSettings\":{\"httpsKey\":\"" + b64(TOKEN)
                        + "\"},\"kustomizations\"");
    }

    private static String blob() {
        return """
                {"properties":{"sourceKind":"AzureBlob","azureBlob":{"url":"https://acct.blob.core.windows.net",
                 "containerName":"c","accountKey":"%s","servicePrincipal":{"clientId":"app","tenantId":"t",
                 "clientSecret":"%s"}}}}""".formatted(ACCOUNT_KEY, TOKEN);
    }

    @Test
    void secretsAreSealedAtRestAndNeverReturnedOrLogged(CapturedOutput output) {
        Tenant t = readyTenant("c1");
        String created = as(t.owner()).contentType("application/json").body(git()).put(flux(t, "c1", "private", V2025))
                .then().statusCode(201).extract().asString();
        String blobCreated = as(t.owner()).contentType("application/json").body(blob())
                .put(flux(t, "c1", "blob", V2023)).then().statusCode(201).extract().asString();
        String fetched = as(t.owner()).get(flux(t, "c1", "private", V2023)).then().statusCode(200).extract().asString();
        String listed = as(t.owner()).get(collection(t, "c1", V2025)).then().statusCode(200).extract().asString();
        String refused = as(t.owner()).contentType("application/json")
                .body(git().replace("https://github.com/example/fleet", "ftp://nowhere"))
                .put(flux(t, "c1", "refused", V2025)).then().statusCode(400).extract().asString();
        String mismatched = as(t.owner()).contentType("application/json")
                .body(git().replace("\"httpsUser\":\"deploy-bot\",", ""))
                .put(flux(t, "c1", "refused", V2025)).then().statusCode(400).extract().asString();
        for (String response : List.of(created, blobCreated, fetched, listed)) {
            assertThat(response).as("absent, not masked").doesNotContain("configurationProtectedSettings")
                    .doesNotContain("accountKey").doesNotContain("clientSecret");
        }
        for (String response : List.of(created, blobCreated, fetched, listed, refused, mismatched)) {
            assertThat(response).doesNotContain(TOKEN).doesNotContain(b64(TOKEN)).doesNotContain(ACCOUNT_KEY);
        }
        assertThat(blobCreated).contains("\"clientId\":\"app\"");

        for (String name : List.of("private", "blob")) {
            Map<String, Object> row = jdbc.queryForMap("""
                    select f.protected_settings, f.protected_settings_key_id, f.spec::text as spec from flux_configurations f
                      join connected_clusters c on c.id = f.cluster_id
                     where c.subscription_id = ? and f.name_key = ?""", t.subscriptionId(), name);
            assertThat(row.get("protected_settings_key_id")).isEqualTo(TestSecrets.ACTIVE);
            String stored = new String((byte[]) row.get("protected_settings"), StandardCharsets.ISO_8859_1)
                    + row.get("spec");
            assertThat(stored).doesNotContain(TOKEN).doesNotContain(b64(TOKEN)).doesNotContain(ACCOUNT_KEY);
        }
        assertThat(configurations.openSecrets(repository.findByNames(t.subscriptionId(), "rg", "c1", "private")
                .orElseThrow())).containsEntry("httpsKey", b64(TOKEN));
        assertThat(configurations.openSecrets(repository.findByNames(t.subscriptionId(), "rg", "c1", "blob")
                .orElseThrow())).containsEntry("azureBlob.accountKey", ACCOUNT_KEY)
                .containsEntry("azureBlob.servicePrincipal.clientSecret", TOKEN);
        assertThat(output.getAll()).doesNotContain(TOKEN).doesNotContain(b64(TOKEN)).doesNotContain(ACCOUNT_KEY);
    }

    @Test
    void anUpdateWithoutSecretsKeepsThemAndOneWithSecretsReplacesThem() {
        Tenant t = readyTenant("c1");
        String path = flux(t, "c1", "kept", V2025);
        as(t.owner()).contentType("application/json").body(git()).put(path).then().statusCode(201);
        awaitProvisioned(t.owner(), path);
        as(t.owner()).contentType("application/json").body("{\"properties\":{\"suspend\":true}}").patch(path)
                .then().statusCode(202);
        assertThat(configurations.openSecrets(repository.findByNames(t.subscriptionId(), "rg", "c1", "kept")
                .orElseThrow())).containsEntry("httpsKey", b64(TOKEN));
        awaitProvisioned(t.owner(), path);
        as(t.owner()).contentType("application/json").body(git().replace(b64(TOKEN), b64("rotated"))).put(path)
                .then().statusCode(200);
        assertThat(configurations.openSecrets(repository.findByNames(t.subscriptionId(), "rg", "c1", "kept")
                .orElseThrow())).containsEntry("httpsKey", b64("rotated"));
    }

    @Test
    void rotationReSealsUnderTheNewKey() {
        Tenant t = readyTenant("c1");
        as(t.owner()).contentType("application/json").body(git()).put(flux(t, "c1", "rotated", V2025)).then().statusCode(201);
        SecretBox rotated = TestSecrets.box("test-2", Map.of(TestSecrets.ACTIVE, TestSecrets.KEY_1, "test-2", TestSecrets.KEY_2));
        assertThat(care.reencrypt(rotated)).isPositive();
        FluxConfiguration after = repository.findByNames(t.subscriptionId(), "rg", "c1", "rotated").orElseThrow();
        assertThat(after.sealed().keyId()).isEqualTo("test-2");
        SecretBox onlyNewKey = TestSecrets.box("test-2", Map.of("test-2", TestSecrets.KEY_2));
        assertThat(new String(onlyNewKey.open(after.sealed(), after.sealedFor()), StandardCharsets.UTF_8))
                .contains(b64(TOKEN));
    }

    @Test
    void secretsTheAgentFetchedArePurgedAfterTheRetention() {
        Tenant t = readyTenant("c1");
        as(t.owner()).contentType("application/json").body(git()).put(flux(t, "c1", "fetched", V2025)).then().statusCode(201);
        // The agent fetches (in the data plane's delivery transaction).
        transactions.executeWithoutResult(status -> section.entries(directory.find(t.subscriptionId(), "rg", "c1")
                .orElseThrow()));
        clock.advance(java.time.Duration.ofHours(49));
        as(t.owner()).contentType("application/json").body(git()).put(flux(t, "c1", "unfetched", V2025)).then()
                .statusCode(201);
        care.purgeFetched();
        assertThat(repository.findByNames(t.subscriptionId(), "rg", "c1", "fetched").orElseThrow().sealed()).isNull();
        assertThat(repository.findByNames(t.subscriptionId(), "rg", "c1", "unfetched").orElseThrow().sealed()).isNotNull();
    }

    @Test
    void aWriterHoldingTheRowFromBeforeTheFetchOrThePurgeCannotUndoThem() {
        Tenant t = readyTenant("c1");
        as(t.owner()).contentType("application/json").body(git()).put(flux(t, "c1", "held", V2025)).then().statusCode(201);
        FluxConfiguration beforeFetch = repository.findByNames(t.subscriptionId(), "rg", "c1", "held").orElseThrow();
        transactions.executeWithoutResult(status -> section.entries(directory.find(t.subscriptionId(), "rg", "c1")
                .orElseThrow()));
        // e.g. the operation worker completing the create with the row it read before the agent fetched
        assertThatThrownBy(() -> repository.save(beforeFetch)).isInstanceOf(OptimisticLockingFailureException.class);

        FluxConfiguration beforePurge = repository.findByNames(t.subscriptionId(), "rg", "c1", "held").orElseThrow();
        clock.advance(java.time.Duration.ofHours(49));
        care.purgeFetched();
        assertThatThrownBy(() -> repository.save(beforePurge)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(repository.findByNames(t.subscriptionId(), "rg", "c1", "held").orElseThrow().sealed())
                .as("the purged secret stays purged").isNull();
    }

    @Test
    void credentialsMatchTheSource() {
        Tenant t = readyTenant("c1");
        String ssh = GIT.replace("https://github.com/example/fleet", "ssh://git@github.com/example/fleet")
                .replace("\"kustomizations\"", "\"configurationProtectedSettings\":{\"sshPrivateKey\":\""
                        + b64("-----BEGIN OPENSSH PRIVATE KEY-----") + "\"},\"kustomizations\"");
        as(t.owner()).contentType("application/json").body(ssh).put(flux(t, "c1", "over-ssh", V2025)).then().statusCode(201);
        as(t.owner()).contentType("application/json").body(ssh.replace("ssh://git@github.com", "https://github.com"))
                .put(flux(t, "c1", "mismatch", V2025)).then().statusCode(400);
        as(t.owner()).contentType("application/json").body(git().replace(b64(TOKEN), "not base64!"))
                .put(flux(t, "c1", "mismatch", V2025)).then().statusCode(400);
    }
}

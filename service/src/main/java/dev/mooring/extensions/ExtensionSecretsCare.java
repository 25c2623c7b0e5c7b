package dev.mooring.extensions;

import dev.mooring.secrets.SealedSecrets;
import dev.mooring.secrets.SecretBox;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps extensions' protected settings short-lived and under the current key: purges those the agent fetched
 * more than {@code mooring.extensions.protected-settings-retention} ago, and re-seals older-key ciphertexts
 * under the active key when asked ({@code --reencrypt-secrets}).
 */
@Component
class ExtensionSecretsCare implements SealedSecrets {

    private static final Logger log = LoggerFactory.getLogger(ExtensionSecretsCare.class);

    private final ExtensionRepository repository;
    private final ExtensionsProperties properties;
    private final Clock clock;

    ExtensionSecretsCare(ExtensionRepository repository, ExtensionsProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    @Transactional
    public int purgeFetched() {
        int purged = repository.purgeFetchedBefore(clock.instant().minus(properties.protectedSettingsRetention()));
        if (purged > 0) {
            log.info("Purged the protected settings of {} extension(s) fetched by their agents", purged);
        }
        return purged;
    }

    @Override
    public String kind() {
        return "extension protected settings";
    }

    @Override
    @Transactional
    public int reencrypt(SecretBox box) {
        int count = 0;
        for (ClusterExtension extension : repository.sealedUnderOtherKeys(box.activeKeyId())) {
            byte[] plain = box.open(extension.sealed(), extension.sealedFor());
            extension.seal(box.seal(plain, extension.sealedFor()));
            java.util.Arrays.fill(plain, (byte) 0);
            count++;
        }
        return count;
    }
}

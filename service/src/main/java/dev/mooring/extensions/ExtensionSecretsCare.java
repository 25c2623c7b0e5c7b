package dev.mooring.extensions;

import dev.mooring.secrets.Sealed;
import dev.mooring.secrets.SealedRows;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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
class ExtensionSecretsCare extends SealedRows<ClusterExtension> {

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
    protected List<ClusterExtension> sealedUnderOtherKeys(String activeKeyId) {
        return repository.sealedUnderOtherKeys(activeKeyId);
    }

    @Override
    protected Optional<ClusterExtension> reload(ClusterExtension row) {
        return repository.findById(row.key());
    }

    @Override
    protected Sealed sealed(ClusterExtension extension) {
        return extension.sealed();
    }

    @Override
    protected String sealedFor(ClusterExtension extension) {
        return extension.sealedFor();
    }

    @Override
    protected void reseal(ClusterExtension extension, Sealed sealed) {
        extension.seal(sealed);
    }
}

package dev.mooring.configurations;

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
 * Keeps protected settings short-lived and under the current key: purges those the agent fetched more than
 * {@code mooring.configurations.protected-settings-retention} ago, and re-seals older-key ciphertexts under
 * the active key when asked ({@code --reencrypt-secrets}).
 */
@Component
class ProtectedSettingsCare extends SealedRows<SourceControlConfiguration> {

    private static final Logger log = LoggerFactory.getLogger(ProtectedSettingsCare.class);

    private final ConfigurationRepository repository;
    private final ConfigurationsProperties properties;
    private final Clock clock;

    ProtectedSettingsCare(ConfigurationRepository repository, ConfigurationsProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    @Transactional
    public int purgeFetched() {
        int purged = repository.purgeFetchedBefore(clock.instant().minus(properties.protectedSettingsRetention()));
        if (purged > 0) {
            log.info("Purged the protected settings of {} configuration(s) fetched by their agents", purged);
        }
        return purged;
    }

    @Override
    public String kind() {
        return "source control configuration protected settings";
    }

    @Override
    protected List<SourceControlConfiguration> sealedUnderOtherKeys(String activeKeyId) {
        return repository.sealedUnderOtherKeys(activeKeyId);
    }

    @Override
    protected Optional<SourceControlConfiguration> reload(SourceControlConfiguration row) {
        return repository.findById(row.key());
    }

    @Override
    protected Sealed sealed(SourceControlConfiguration configuration) {
        return configuration.sealed();
    }

    @Override
    protected String sealedFor(SourceControlConfiguration configuration) {
        return configuration.sealedFor();
    }

    @Override
    protected void reseal(SourceControlConfiguration configuration, Sealed sealed) {
        configuration.seal(sealed);
    }
}

package dev.mooring.extensions;

import dev.mooring.configurations.DesiredStateVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves extensions with auto-upgrade on to the newest version their release train offers (within their
 * auto-upgrade mode), through the same delivery path as any change: the cluster's desired-state version is
 * bumped and its agent installs the new version; {@code currentVersion} follows the agent's report. Runs at start
 * (so a catalogue that gained a version takes effect when the service restarts with it) and every
 * {@code mooring.extensions.auto-upgrade-interval}.
 */
@Component
class ExtensionAutoUpgrade {

    private static final Logger log = LoggerFactory.getLogger(ExtensionAutoUpgrade.class);

    private final ExtensionRepository repository;
    private final ExtensionCatalogue catalogue;
    private final DesiredStateVersions versions;

    ExtensionAutoUpgrade(ExtensionRepository repository, ExtensionCatalogue catalogue, DesiredStateVersions versions) {
        this.repository = repository;
        this.catalogue = catalogue;
        this.versions = versions;
    }

    @Scheduled(fixedDelayString = "${mooring.extensions.auto-upgrade-interval:10m}", initialDelayString = "PT5S")
    @Transactional
    public int upgrade() {
        int moved = 0;
        for (ClusterExtension extension : repository.followingTrains()) {
            var next = catalogue.upgrade(extension.extensionType(), extension.releaseTrain(), extension.targetVersion(),
                    extension.autoUpgradeMode());
            if (next.isPresent()) {
                log.info("Auto-upgrading extension {} ({}) on cluster {} from {} to {}", extension.name(),
                        extension.extensionType(), extension.key().clusterId(), extension.targetVersion(),
                        next.get().version());
                extension.upgradeTo(next.get().version(), next.get().packageUri());
                versions.changed(extension.key().clusterId());
                moved++;
            }
        }
        return moved;
    }
}

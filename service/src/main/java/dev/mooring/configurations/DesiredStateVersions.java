package dev.mooring.configurations;

import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The one per-cluster version of everything its agent is delivered (configurations and every
 * {@link DesiredStateSection}): features that change what they deliver call {@link #changed} in that transaction.
 */
@Service
public class DesiredStateVersions {

    private final ConfigurationVersions versions;

    DesiredStateVersions(ConfigurationVersions versions) {
        this.versions = versions;
    }

    /** Bumps the cluster's version; its waiting agents are woken once the transaction commits. */
    public void changed(UUID clusterId) {
        versions.changed(clusterId);
    }
}

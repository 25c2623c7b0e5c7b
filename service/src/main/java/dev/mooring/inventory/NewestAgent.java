package dev.mooring.inventory;

import dev.mooring.dataplane.AgentsProperties;
import org.springframework.stereotype.Component;

/** The newest agent release, against which {@code agentVersion=outdated} is judged. */
@Component
class NewestAgent {

    private final String version;

    NewestAgent(InventoryProperties properties, AgentsProperties agents) {
        String configured = properties.newestAgentVersion();
        this.version = configured != null && !configured.isBlank() ? configured.strip()
                : agents.chartVersions().getOrDefault("stable", "0.1.0");
        if (Versions.key(version) < 0) {
            throw new IllegalArgumentException("mooring.inventory.newest-agent-version (or the stable chart version) is"
                    + " not a version such as 1.14.2: " + version);
        }
    }

    String version() {
        return version;
    }
}

package dev.mooring.fluxconfigurations;

import java.util.UUID;
import org.springframework.stereotype.Component;

/** Tells the data plane that a cluster's flux configurations changed, so that its agent fetches them again. */
@Component
class FluxChanges {

    void changed(UUID clusterId) {
        // Wired to the data plane's configuration channel (its per-cluster version) once that channel takes sections.
    }
}

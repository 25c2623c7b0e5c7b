package dev.mooring.clusters;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records connectivity transitions (Connecting → Connected → Offline, Expired) as cluster events for
 * operators: one sweep query over all clusters, not a timer per cluster. Reads never depend on it; the
 * status itself is always derived ({@link Connectivity}).
 */
@Component
class ConnectivitySweep {

    private static final Logger log = LoggerFactory.getLogger(ConnectivitySweep.class);

    private final ConnectedClusterRepository repository;
    private final Connectivity connectivity;
    private final Clock clock;

    ConnectivitySweep(ConnectedClusterRepository repository, Connectivity connectivity, Clock clock) {
        this.repository = repository;
        this.connectivity = connectivity;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${mooring.clusters.connectivity-sweep-interval:30s}", initialDelayString = "10s")
    @Transactional
    public int sweep() {
        Instant now = clock.instant();
        int transitions = repository.sweepConnectivity(now, now.minus(connectivity.connectedWithin()));
        if (transitions > 0) {
            log.debug("Connectivity sweep recorded {} transition(s)", transitions);
        }
        return transitions;
    }
}

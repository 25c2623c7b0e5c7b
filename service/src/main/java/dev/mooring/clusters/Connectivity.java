package dev.mooring.clusters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * A cluster's connectivity status, derived from timestamps and never stored on the resource: Expired when
 * its agent's identity certificate has expired, Connecting until the agent is first heard, Connected when
 * heard within {@code mooring.clusters.connected-within}, Offline after that.
 */
@Component
public class Connectivity {

    public static final String CONNECTING = "Connecting";
    public static final String CONNECTED = "Connected";
    public static final String OFFLINE = "Offline";
    public static final String EXPIRED = "Expired";

    private final Clock clock;
    private final Duration connectedWithin;

    Connectivity(Clock clock, ClustersProperties properties) {
        this.clock = clock;
        this.connectedWithin = properties.connectedWithin();
    }

    String of(ConnectedCluster cluster) {
        return status(cluster.lastConnectivityTime(), cluster.managedIdentityCertificateExpirationTime(), clock.instant(),
                connectedWithin);
    }

    public Duration connectedWithin() {
        return connectedWithin;
    }

    static String status(Instant lastSeen, Instant identityExpires, Instant now, Duration connectedWithin) {
        if (identityExpires != null && identityExpires.isBefore(now)) {
            return EXPIRED;
        }
        if (lastSeen == null) {
            return CONNECTING;
        }
        return lastSeen.isAfter(now.minus(connectedWithin)) ? CONNECTED : OFFLINE;
    }
}

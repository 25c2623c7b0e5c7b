package dev.mooring.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The connectivity rules, with an explicit clock. */
class ConnectivityTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final Duration WITHIN = Duration.ofMinutes(15);

    @Test
    void statusFollowsTheLastHeartbeatAndTheIdentityExpiry() {
        assertThat(ConnectivityPolicy.status(null, null, NOW, WITHIN)).isEqualTo("Connecting");
        assertThat(ConnectivityPolicy.status(NOW.minusSeconds(60), null, NOW, WITHIN)).isEqualTo("Connected");
        assertThat(ConnectivityPolicy.status(NOW.minus(Duration.ofMinutes(14)), null, NOW, WITHIN)).isEqualTo("Connected");
        assertThat(ConnectivityPolicy.status(NOW.minus(Duration.ofMinutes(16)), null, NOW, WITHIN)).isEqualTo("Offline");
        assertThat(ConnectivityPolicy.status(NOW.minusSeconds(60), NOW.minusSeconds(1), NOW, WITHIN)).isEqualTo("Expired");
        assertThat(ConnectivityPolicy.status(null, NOW.plus(Duration.ofDays(90)), NOW, WITHIN)).isEqualTo("Connecting");
    }
}

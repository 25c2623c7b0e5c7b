package dev.mooring.configurations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.platform.DatabaseListener;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** When the replica begins to shut down, agents waiting on a configuration long-poll are answered at once. */
class LongPollShutdownTest extends ConfigurationTest {

    @Autowired
    ConfigurationRepository repository;

    @Autowired
    DatabaseListener listener;

    @Test
    void shutdownAnswersWaitingLongPollsAtOnceWithTheUnchangedVersion() throws Exception {
        Tenant t = readyTenant("polled");
        UUID cluster = clusterIdOf(t);
        ConfigurationVersions versions = new ConfigurationVersions(repository, listener);
        versions.start();
        String known = versions.current(cluster);
        Future<String> first = versions.awaitChange(cluster, known, 30_000);
        Future<String> second = versions.awaitChange(cluster, known, 30_000);
        assertThat(versions.isWaitedOn(cluster)).isTrue();
        long started = System.nanoTime();
        versions.stop();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(known);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(known);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(versions.isWaitedOn(cluster)).isFalse();
        assertThat(versions.isRunning()).isFalse();
    }
}

package dev.mooring.configurations;

import static dev.mooring.testing.Eventually.eventuallyTrue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The replica's waiting long-polls without a thread each: answered by their cluster's announced change, by the
 * one deadline timer, or at once; a wake-up without a change keeps them waiting; none stays behind.
 */
class LongPollWaitsTest extends ConfigurationTest {

    private static final String UNCHANGED = "\"0\"";

    @Autowired
    ConfigurationVersions versions;

    @Test
    void aWaitWithoutAChangeAnswersTheKnownVersionAtItsDeadlineAndLeaves() throws Exception {
        UUID cluster = UUID.randomUUID();
        long started = System.nanoTime();
        CompletableFuture<String> poll = versions.awaitChange(cluster, UNCHANGED, 1_000);
        assertThat(poll).isNotDone();
        assertThat(versions.isWaitedOn(cluster)).isTrue();
        assertThat(poll.get(5, TimeUnit.SECONDS)).isEqualTo(UNCHANGED);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(1_000))
                .isLessThan(Duration.ofSeconds(3));
        assertThat(versions.isWaitedOn(cluster)).isFalse();
    }

    @Test
    void aVersionThatMovedAlreadyAnswersAtOnceWithoutWaiting() throws Exception {
        UUID cluster = UUID.randomUUID();
        CompletableFuture<String> poll = versions.awaitChange(cluster, "\"41\"", 30_000);
        assertThat(poll).isCompletedWithValue(UNCHANGED);
        assertThat(versions.isWaitedOn(cluster)).isFalse();
        assertThat(versions.awaitChange(cluster, UNCHANGED, 0)).isCompletedWithValue(UNCHANGED);
    }

    @Test
    void everyWaitOnAClusterAnswersItsChangeAndAWakeUpWithoutAChangeKeepsThemWaiting() throws Exception {
        Tenant t = readyTenant("waited");
        UUID cluster = clusterIdOf(t);
        String known = versions.current(cluster);
        UUID other = UUID.randomUUID();
        CompletableFuture<String> elsewhere = versions.awaitChange(other, UNCHANGED, 30_000);
        List<CompletableFuture<String>> polls = IntStream.range(0, 3)
                .mapToObj(i -> versions.awaitChange(cluster, known, 30_000)).toList();

        versions.droppedAll(); // as when the listening connection was lost: nothing changed, so they wait again
        eventuallyTrue("the woken polls wait again",
                () -> versions.isWaitedOn(cluster) && versions.waitersOn(cluster) == 3 && versions.isWaitedOn(other));
        assertThat(polls).noneMatch(CompletableFuture::isDone);

        jdbc.update("""
                insert into cluster_configuration_versions (cluster_id, version) values (?, 1)
                on conflict (cluster_id) do update set version = cluster_configuration_versions.version + 1""", cluster);
        String moved = polls.get(0).get(5, TimeUnit.SECONDS);
        assertThat(moved).isNotEqualTo(known);
        for (CompletableFuture<String> poll : polls) {
            assertThat(poll.get(5, TimeUnit.SECONDS)).isEqualTo(moved);
        }
        assertThat(versions.isWaitedOn(cluster)).isFalse();
        assertThat(elsewhere).as("another cluster's poll is not answered").isNotDone();
        elsewhere.cancel(false);
    }

    @Test
    void aCancelledWaitLeavesTheRegistryByItsDeadline() {
        UUID cluster = UUID.randomUUID();
        CompletableFuture<String> poll = versions.awaitChange(cluster, UNCHANGED, 300);
        CompletableFuture<String> kept = versions.awaitChange(cluster, UNCHANGED, 30_000);
        poll.cancel(false);
        eventuallyTrue("the cancelled poll is gone", () -> versions.waitersOn(cluster) == 1);
        assertThat(kept).isNotDone();
        kept.cancel(false);
    }
}

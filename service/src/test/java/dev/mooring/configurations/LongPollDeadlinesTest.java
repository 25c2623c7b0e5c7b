package dev.mooring.configurations;

import static dev.mooring.testing.Eventually.eventuallyTrue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The one timer of the waiting long-polls: never early, soon after (a tick, more on a loaded machine), and nothing
 * lost at close.
 */
class LongPollDeadlinesTest {

    @Test
    void tasksRunInDeadlineOrderNotBeforeTheirDeadline() {
        ConcurrentLinkedQueue<Long> lateness = new ConcurrentLinkedQueue<>();
        try (LongPollDeadlines deadlines = new LongPollDeadlines()) {
            long now = System.nanoTime();
            for (long millis : new long[] {450, 150, 300}) {
                long deadline = now + TimeUnit.MILLISECONDS.toNanos(millis);
                deadlines.at(deadline, () -> lateness.add(System.nanoTime() - deadline));
            }
            eventuallyTrue("all ran", () -> lateness.size() == 3);
        }
        assertThat(lateness).allSatisfy(late -> assertThat(late).isNotNegative()
                .isLessThan(TimeUnit.SECONDS.toNanos(2)));
    }

    @Test
    void aPassedDeadlineRunsAtOnceAndClosingRunsWhatIsLeft() {
        ConcurrentLinkedQueue<String> ran = new ConcurrentLinkedQueue<>();
        LongPollDeadlines deadlines = new LongPollDeadlines();
        deadlines.at(System.nanoTime() - 1, () -> ran.add("passed"));
        assertThat(ran).containsExactly("passed");
        deadlines.at(System.nanoTime() + TimeUnit.MINUTES.toNanos(5), () -> ran.add("later"));
        deadlines.close();
        assertThat(ran).containsExactly("passed", "later");
        deadlines.at(System.nanoTime() + TimeUnit.MINUTES.toNanos(5), () -> ran.add("after close"));
        assertThat(ran).containsExactly("passed", "later", "after close");
    }
}

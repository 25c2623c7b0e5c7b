package dev.mooring.platform;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.testing.ServiceTest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.TaskScheduler;

/** A background job that hangs (an operation held in the database) does not stop the other jobs. */
class SchedulingTest extends ServiceTest {

    @Autowired
    TaskScheduler scheduler;

    @Test
    void aHangingJobDoesNotDelayAnother() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch hanging = new CountDownLatch(1);
        AtomicInteger beats = new AtomicInteger();
        ScheduledFuture<?> slow = scheduler.scheduleWithFixedDelay(() -> {
            hanging.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ofMillis(50));
        ScheduledFuture<?> fast = null;
        try {
            assertThat(hanging.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            fast = scheduler.scheduleWithFixedDelay(beats::incrementAndGet, Duration.ofMillis(50));
            eventually(Duration.ofSeconds(5), () -> assertThat(beats.get()).isGreaterThanOrEqualTo(3));
        } finally {
            release.countDown();
            slow.cancel(true);
            if (fast != null) {
                fast.cancel(true);
            }
        }
    }
}

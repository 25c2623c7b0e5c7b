package dev.mooring.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The service's clock in tests: the system clock (in microseconds, like production's) plus an offset a test
 * moves forward with {@link #advance(Duration)} to make time pass without waiting. {@link ServiceTest} resets
 * the offset after every test, so a test that moved time never changes what the next test sees.
 */
public final class TestClock extends Clock {

    private static final Clock SYSTEM = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    private final AtomicReference<Duration> offset;
    private final ZoneId zone;

    TestClock() {
        this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
    }

    private TestClock(AtomicReference<Duration> offset, ZoneId zone) {
        this.offset = offset;
        this.zone = zone;
    }

    /** Moves the service's time forward by {@code amount}. */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("Time only moves forward: " + amount);
        }
        offset.accumulateAndGet(amount, Duration::plus);
    }

    /** Back to the system's time. */
    void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return SYSTEM.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same time in another zone; it moves with this clock. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new TestClock(offset, zone);
    }

    /** Puts the test clock in place of the production one. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}

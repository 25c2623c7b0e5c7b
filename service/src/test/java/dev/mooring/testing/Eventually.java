package dev.mooring.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The one way tests wait: retry an assertion (or fetch a value) until it holds or a deadline passes. The last
 * failure is what the test reports, so a timeout says what was still wrong rather than "timed out".
 */
public final class Eventually {

    /** Long enough for anything a healthy suite waits for on a busy 2-core machine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);

    private Eventually() {
    }

    /** Runs {@code assertion} until it stops throwing, for up to {@link #DEFAULT_TIMEOUT}. */
    public static void eventually(ThrowingRunnable assertion) {
        eventually(DEFAULT_TIMEOUT, assertion);
    }

    /** Runs {@code assertion} until it stops throwing, for up to {@code timeout}. */
    public static void eventually(Duration timeout, ThrowingRunnable assertion) {
        eventually(timeout, () -> {
            assertion.run();
            return null;
        });
    }

    /** Calls {@code supplier} until it returns without throwing, for up to {@link #DEFAULT_TIMEOUT}; returns its value. */
    public static <T> T eventually(ThrowingSupplier<T> supplier) {
        return eventually(DEFAULT_TIMEOUT, supplier);
    }

    /** Calls {@code supplier} until it returns without throwing, for up to {@code timeout}; returns its value. */
    public static <T> T eventually(Duration timeout, ThrowingSupplier<T> supplier) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                return supplier.get();
            } catch (Throwable failure) {
                if (failure instanceof InterruptedException || Instant.now().isAfter(deadline)) {
                    throw failure instanceof AssertionError assertion ? assertion
                            : new AssertionError("Still failing after " + timeout + ": " + failure, failure);
                }
            }
            pause();
        }
    }

    /** Waits until {@code condition} is true, for up to {@link #DEFAULT_TIMEOUT}. */
    public static void eventuallyTrue(String what, Supplier<Boolean> condition) {
        eventually(() -> {
            if (!Boolean.TRUE.equals(condition.get())) {
                throw new AssertionError("Not yet: " + what);
            }
        });
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting", e);
        }
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Throwable;
    }

    @FunctionalInterface
    public interface ThrowingSupplier<T> {
        T get() throws Throwable;
    }
}

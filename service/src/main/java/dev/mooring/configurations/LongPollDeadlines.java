package dev.mooring.configurations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one timer of a replica's waiting long-polls: a task per deadline, run by a single thread that wakes every
 * {@link #TICK_MILLIS} ms. A deadline costs a slot in its tick's list (no scheduled task or thread per waiter);
 * a task runs at its deadline or up to one tick later, never earlier. Tasks must be short (hand work elsewhere).
 */
final class LongPollDeadlines implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LongPollDeadlines.class);

    private static final long TICK_MILLIS = 100;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);

    private final long origin = System.nanoTime();
    private final TreeMap<Long, List<Runnable>> due = new TreeMap<>();
    private final ScheduledExecutorService ticker;
    private long fired = -1;

    LongPollDeadlines() {
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("long-poll-deadlines").factory());
        ticker.scheduleAtFixedRate(this::fire, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code task} once {@code System.nanoTime()} has passed {@code deadline} (at once if it has already, or
     * once the timer is closed).
     */
    void at(long deadline, Runnable task) {
        long tick = Math.ceilDiv(deadline - origin, TICK_NANOS);
        synchronized (this) {
            if (tick > fired && deadline - System.nanoTime() > 0 && !ticker.isShutdown()) {
                due.computeIfAbsent(tick, t -> new ArrayList<>(4)).add(task);
                return;
            }
        }
        task.run();
    }

    private void fire() {
        List<List<Runnable>> now = new ArrayList<>();
        synchronized (this) {
            fired = (System.nanoTime() - origin) / TICK_NANOS;
            Map<Long, List<Runnable>> passed = due.headMap(fired, true);
            now.addAll(passed.values());
            passed.clear();
        }
        for (List<Runnable> tasks : now) {
            tasks.forEach(LongPollDeadlines::runQuietly);
        }
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // Caught: scheduleAtFixedRate would end the timer at its first exception.
            log.warn("A long-poll deadline task failed", e);
        }
    }

    @Override
    public void close() {
        List<Runnable> left = new ArrayList<>();
        synchronized (this) {
            ticker.shutdownNow();
            due.values().forEach(left::addAll);
            due.clear();
        }
        left.forEach(LongPollDeadlines::runQuietly);
    }
}

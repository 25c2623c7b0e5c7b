package dev.mooring.configurations;

import dev.mooring.platform.DatabaseListener;
import dev.mooring.platform.NotifiedCache;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Each cluster's configuration version. Every change bumps it in the changing transaction; a trigger announces
 * it on commit (V65), and every replica drops its copy and wakes exactly the long-polls waiting on that cluster.
 * Heartbeats read the version from memory, and a waiting long-poll costs nothing until its cluster changes.
 */
@Component
class ConfigurationVersions implements SmartLifecycle, NotifiedCache.Changes<UUID> {

    static final String CHANNEL = "configuration_versions_changed";

    private static final ThreadFactory ANSWERING = Thread.ofVirtual().name("long-poll-answer").factory();

    private final ConfigurationRepository repository;
    private final NotifiedCache<UUID, Long> versions;
    private final ConcurrentHashMap<UUID, Waiter> waiting = new ConcurrentHashMap<>();
    private volatile LongPollDeadlines deadlines;
    private volatile boolean running;

    ConfigurationVersions(ConfigurationRepository repository, DatabaseListener listener) {
        this.repository = repository;
        this.versions = new NotifiedCache<>(listener, CHANNEL, UUID::fromString, 1_000_000,
                repository::version, this);
    }

    void changed(UUID clusterId) {
        repository.bumpVersion(clusterId);
        versions.invalidateAfterCommit(clusterId);
    }

    String current(UUID clusterId) {
        return "\"" + versions.get(clusterId) + "\"";
    }

    /**
     * Answers with the version once it differs from {@code known}, or when the time is up (then usually
     * {@code known}); at once when it differs already. No thread waits: the request is a {@link Waiter} in the
     * cluster's list and in the replica's one deadline timer, answered on a fresh virtual thread when its cluster's
     * change is announced or its time is up. Once the replica is shutting down it waits no more (the agent's next
     * poll goes to another replica). Cancelling the answer (the client went away) lets the waiter go.
     */
    CompletableFuture<String> awaitChange(UUID clusterId, String known, long millis) {
        Waiter waiter = new Waiter(clusterId, known, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
        waiter.check();
        if (!waiter.isDone()) {
            deadlines.at(waiter.deadline, waiter);
        }
        return waiter;
    }

    /** Whether a long-poll of the cluster is waiting on this replica now. */
    boolean isWaitedOn(UUID clusterId) {
        return waiting.containsKey(clusterId);
    }

    /** How many long-polls of the cluster wait on this replica now. */
    int waitersOn(UUID clusterId) {
        int count = 0;
        for (Waiter w = waiting.get(clusterId); w != null; w = w.next) {
            count++;
        }
        return count;
    }

    @Override
    public void dropped(UUID clusterId) {
        Waiter waiter = waiting.remove(clusterId);
        while (waiter != null) {
            Waiter next = waiter.next; // read first: once answering, the waiter may join a new chain
            waiter.run();
            waiter = next;
        }
    }

    @Override
    public void droppedAll() {
        waiting.keySet().forEach(this::dropped);
    }

    /**
     * One waiting long-poll, completed with the version it answers. The requests waiting on one cluster are a
     * chain ({@link #next}) held by {@link #waiting}; the chain is only changed inside the map's per-key lock,
     * and one taken out of the map is never changed again.
     */
    private final class Waiter extends CompletableFuture<String> implements Runnable {

        final UUID clusterId;
        final String known;
        final long deadline;
        Waiter next;

        Waiter(UUID clusterId, String known, long deadline) {
            this.clusterId = clusterId;
            this.known = known;
            this.deadline = deadline;
        }

        /** Woken or timed out: the check (which may read the database) runs on its own virtual thread. */
        @Override
        public void run() {
            if (isDone()) {
                leave(this);
            } else {
                ANSWERING.newThread(this::check).start();
            }
        }

        /**
         * Answers if the version moved, the time is up or the replica stops; else (re)joins the cluster's chain.
         * Joined before reading, so that a change between the read and the wait still wakes it.
         */
        synchronized void check() {
            if (isDone()) {
                leave(this);
                return;
            }
            enter(this);
            try {
                String version = current(clusterId);
                if (!version.equals(known) || !running || System.nanoTime() - deadline >= 0) {
                    leave(this);
                    complete(version);
                }
            } catch (RuntimeException e) {
                leave(this);
                completeExceptionally(e);
            }
        }
    }

    private void enter(Waiter waiter) {
        waiting.compute(waiter.clusterId, (id, first) -> {
            for (Waiter w = first; w != null; w = w.next) {
                if (w == waiter) {
                    return first;
                }
            }
            waiter.next = first;
            return waiter;
        });
    }

    private void leave(Waiter waiter) {
        waiting.computeIfPresent(waiter.clusterId, (id, first) -> {
            if (first == waiter) {
                return waiter.next;
            }
            for (Waiter w = first; w.next != null; w = w.next) {
                if (w.next == waiter) {
                    w.next = waiter.next;
                    break;
                }
            }
            return first;
        });
    }

    @Override
    public void start() {
        deadlines = new LongPollDeadlines();
        running = true;
    }

    /** Shutdown begins: every waiting long-poll answers now, before the web server waits for in-flight requests. */
    @Override
    public void stop() {
        running = false;
        droppedAll();
        deadlines.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

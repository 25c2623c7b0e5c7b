package dev.mooring.configurations;

import dev.mooring.platform.DatabaseListener;
import dev.mooring.platform.NotifiedCache;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    private final ConfigurationRepository repository;
    private final NotifiedCache<UUID, Long> versions;
    private final ConcurrentHashMap<UUID, Waiting> waiting = new ConcurrentHashMap<>();
    private volatile boolean running;

    /** The long-polls waiting on one cluster, completed together when its version changes. */
    private static final class Waiting {
        final CompletableFuture<Void> changed = new CompletableFuture<>();
        int requests;
    }

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
     * Waits until the version differs from {@code known} or the time is up; returns the version then. Once the
     * replica is shutting down it waits no more (the agent's next poll goes to another replica).
     */
    String awaitChange(UUID clusterId, String known, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            // Joined before reading, so that a change between the read and the wait still wakes this request.
            Waiting wait = join(clusterId);
            try {
                String version = current(clusterId);
                long left = deadline - System.nanoTime();
                if (!version.equals(known) || !running || left <= 0) {
                    return version;
                }
                wait.changed.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException timeUp) {
                return current(clusterId);
            } catch (ExecutionException impossible) {
                throw new IllegalStateException(impossible);
            } finally {
                leave(clusterId, wait);
            }
        }
    }

    /** Whether a long-poll of the cluster is waiting on this replica now. */
    boolean isWaitedOn(UUID clusterId) {
        return waiting.containsKey(clusterId);
    }

    @Override
    public void dropped(UUID clusterId) {
        Waiting wait = waiting.remove(clusterId);
        if (wait != null) {
            wait.changed.complete(null);
        }
    }

    @Override
    public void droppedAll() {
        waiting.keySet().forEach(this::dropped);
    }

    private Waiting join(UUID clusterId) {
        return waiting.compute(clusterId, (id, wait) -> {
            Waiting joined = wait == null ? new Waiting() : wait;
            joined.requests++;
            return joined;
        });
    }

    private void leave(UUID clusterId, Waiting wait) {
        waiting.computeIfPresent(clusterId, (id, current) -> current == wait && --current.requests == 0 ? null : current);
    }

    @Override
    public void start() {
        running = true;
    }

    /** Shutdown begins: every waiting long-poll answers now, before the web server waits for in-flight requests. */
    @Override
    public void stop() {
        running = false;
        droppedAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

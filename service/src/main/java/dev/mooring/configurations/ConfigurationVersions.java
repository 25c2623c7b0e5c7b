package dev.mooring.configurations;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each cluster's configuration version. Every change bumps it in the changing transaction; agents waiting
 * on this replica are woken on commit, those on other replicas see it at their next check (at most a second).
 */
@Component
class ConfigurationVersions implements SmartLifecycle {

    private final ConfigurationRepository repository;
    private final ConcurrentHashMap<UUID, Object> monitors = new ConcurrentHashMap<>();
    private volatile boolean running;

    ConfigurationVersions(ConfigurationRepository repository) {
        this.repository = repository;
    }

    void changed(UUID clusterId) {
        repository.bumpVersion(clusterId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake(clusterId);
                }
            });
        } else {
            wake(clusterId);
        }
    }

    String current(UUID clusterId) {
        return "\"" + repository.version(clusterId) + "\"";
    }

    /**
     * Waits until the version differs from {@code known} or the time is up; returns the version then. Once the
     * replica is shutting down it waits no more (the agent's next poll goes to another replica).
     */
    String awaitChange(UUID clusterId, String known, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        String version = current(clusterId);
        Object monitor = monitors.computeIfAbsent(clusterId, id -> new Object());
        while (version.equals(known) && running) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            synchronized (monitor) {
                monitor.wait(Math.min(left, 1000));
            }
            if (!running) {
                break;
            }
            version = current(clusterId);
        }
        return version;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Shutdown begins: every waiting long-poll answers now, before the web server waits for in-flight requests. */
    @Override
    public void stop() {
        running = false;
        monitors.keySet().forEach(this::wake);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void wake(UUID clusterId) {
        Object monitor = monitors.get(clusterId);
        if (monitor != null) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }
}

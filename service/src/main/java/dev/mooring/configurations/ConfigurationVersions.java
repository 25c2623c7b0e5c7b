package dev.mooring.configurations;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each cluster's configuration version. Every change bumps it in the changing transaction; agents waiting
 * on this replica are woken on commit, those on other replicas see it at their next check (at most a second).
 */
@Component
class ConfigurationVersions {

    private final ConfigurationRepository repository;
    private final ConcurrentHashMap<UUID, Object> monitors = new ConcurrentHashMap<>();

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

    /** Waits until the version differs from {@code known} or the time is up; returns the version then. */
    String awaitChange(UUID clusterId, String known, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        String version = current(clusterId);
        Object monitor = monitors.computeIfAbsent(clusterId, id -> new Object());
        while (version.equals(known)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            synchronized (monitor) {
                monitor.wait(Math.min(left, 1000));
            }
            version = current(clusterId);
        }
        return version;
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

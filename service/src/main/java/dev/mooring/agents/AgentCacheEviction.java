package dev.mooring.agents;

import dev.mooring.clusters.ClusterDeletionHook;
import dev.mooring.clusters.ClusterReference;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A deleted cluster's agent is told 410 at once on this replica (others within the cache's few seconds). */
@Component
class AgentCacheEviction implements ClusterDeletionHook {

    private final AgentAuthentication authentication;

    AgentCacheEviction(AgentAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public void clusterDeleted(ClusterReference cluster) {
        authentication.forget(cluster.id());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a call racing the delete could re-cache the cluster before the row is gone
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    authentication.forget(cluster.id());
                }
            });
        }
    }
}

package dev.mooring.clusters;

/**
 * The one place where deleting a connected cluster reaches into other features: its source control
 * configurations, its agent identity, its tunnels. Each feature implements this; every delete path (a
 * direct DELETE, a resource group delete, a subscription's data removal) runs all hooks, in the deleting
 * transaction, before the cluster row goes.
 */
public interface ClusterDeletionHook {

    void clusterDeleted(ClusterReference cluster);
}

package dev.mooring.clusters;

import java.util.UUID;

/**
 * What other features know of a connected cluster: its stable internal id, its ARM resource id (in the
 * casing last written), its subscription and its region.
 */
public record ClusterReference(UUID id, String resourceId, UUID subscriptionId, String location) {

    /** Whether this is the cluster a URL names (ARM names compare case-insensitively). */
    public boolean isAt(UUID subscriptionId, String resourceGroup, String name) {
        return resourceId.equalsIgnoreCase(ConnectedCluster.resourceId(subscriptionId, resourceGroup, name));
    }

    /**
     * The cluster's segment in the connect endpoint: hex SHA-256 of the lower-cased resource id (the hash the
     * az CLI uses to recognise proxy kubeconfigs).
     */
    public String connectHash() {
        return ClusterCredentials.hash(resourceId);
    }

    static ClusterReference of(ConnectedCluster cluster) {
        return new ClusterReference(cluster.id(), cluster.resourceId(), cluster.subscriptionId(), cluster.location());
    }
}

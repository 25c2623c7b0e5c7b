package dev.mooring.clusters;

import dev.mooring.arm.Guids;
import java.util.Optional;
import java.util.UUID;

/** Parses connected cluster resource ids ({@code /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Kubernetes/connectedClusters/{name}}). */
final class ClusterIds {

    private ClusterIds() {
    }

    static Optional<ConnectedCluster.Key> parse(String resourceId) {
        String[] s = resourceId.split("/");
        if (s.length != 9 || !s[1].equalsIgnoreCase("subscriptions") || !s[3].equalsIgnoreCase("resourceGroups")
                || !s[5].equalsIgnoreCase("providers") || !s[6].equalsIgnoreCase("Microsoft.Kubernetes")
                || !s[7].equalsIgnoreCase("connectedClusters")) {
            return Optional.empty();
        }
        UUID subscription = Guids.parse(s[2]);
        return subscription == null ? Optional.empty() : Optional.of(ConnectedCluster.Key.of(subscription, s[4], s[8]));
    }
}

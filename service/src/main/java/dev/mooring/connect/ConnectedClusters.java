package dev.mooring.connect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mooring.clusters.ClusterDirectory;
import dev.mooring.clusters.ClusterReference;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The clusters connect requests name, read once per {@code mooring.connect.identity-check} rather than per request
 * (a kubectl session sends many): no staler than the tunnels themselves, which that check closes when their
 * cluster is deleted. Clusters that do not exist are not remembered.
 */
final class ConnectedClusters {

    private final ClusterDirectory clusters;
    private final Cache<UUID, ClusterReference> recent;

    ConnectedClusters(ClusterDirectory clusters, Duration keepFor) {
        this.clusters = clusters;
        this.recent = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(keepFor).build();
    }

    Optional<ClusterReference> find(UUID cluster) {
        ClusterReference known = recent.getIfPresent(cluster);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ClusterReference> found = clusters.findByInternalId(cluster);
        found.ifPresent(reference -> recent.put(cluster, reference));
        return found;
    }
}

package dev.mooring.dataplane;

import dev.mooring.clusters.ClusterReference;
import java.util.function.UnaryOperator;

/** A region's data plane serves only that region's clusters: others get 421 naming the right endpoint. */
final class RegionCheck {

    private RegionCheck() {
    }

    static void require(ClusterReference cluster, String region, UnaryOperator<String> dataPlaneUrlOfRegion) {
        if (!cluster.location().equalsIgnoreCase(region)) {
            throw DataPlaneErrors.wrongRegion(cluster.location(), dataPlaneUrlOfRegion.apply(cluster.location()));
        }
    }
}

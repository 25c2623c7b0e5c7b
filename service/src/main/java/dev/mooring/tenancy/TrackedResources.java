package dev.mooring.tenancy;

import dev.mooring.arm.CallerIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Implemented by each feature whose resources live in resource groups, so that ARM's generic resource list
 * ({@code GET .../resources}, what {@code az resource list} and the SDKs' {@code resources.list} call) shows them
 * beside every other type.
 */
public interface TrackedResources {

    /** The resource type, as in {@code Microsoft.Kubernetes/connectedClusters}. */
    String type();

    /**
     * The next {@code limit} resources in the subscription (or one group of it when {@code resourceGroup} is not
     * null) in {@link Resource#key()} order after the key {@code after} ({@code ""} for the first), of which the
     * batch keeps those the caller may read.
     */
    Batch page(UUID subscriptionId, String resourceGroup, String after, int limit, CallerIdentity caller);

    /**
     * @param readable  the resources of the batch the caller may read, in key order
     * @param lastKey   the key of the last resource fetched, readable or not (where the next batch starts)
     * @param exhausted whether no resource follows this batch
     */
    record Batch(List<Resource> readable, String lastKey, boolean exhausted) {
    }

    /**
     * One resource as the generic API shows it.
     *
     * @param key lower-cased {@code group/name}: the order pages follow
     */
    record Resource(String key, String id, String name, String type, String location, Map<String, String> tags,
            String kind, Map<String, Object> identity, Instant createdTime, Instant changedTime,
            String provisioningState) {
    }
}

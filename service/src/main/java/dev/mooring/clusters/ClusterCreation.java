package dev.mooring.clusters;

import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperationHandler;
import org.springframework.stereotype.Component;

/**
 * Finishes a connected cluster's creation: the cluster moves from Accepted to Succeeded. Its system-assigned
 * identity was allocated with the PUT; its agents are onboarded through the data plane.
 */
@Component
class ClusterCreation implements AsyncOperationHandler {

    static final String KIND = "Microsoft.Kubernetes/connectedClusters/create";

    private final ConnectedClusterRepository repository;

    ClusterCreation(ConnectedClusterRepository repository) {
        this.repository = repository;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int run(AsyncOperation operation) {
        // One targeted update, not a save of the loaded entity: a full-row save would overwrite what the data plane
        // wrote meanwhile without a version bump (the agent's identity expiry when it onboards at once). The version
        // still moves, so an ARM write that read the cluster while Accepted fails its optimistic lock as before.
        ClusterIds.parse(operation.resourceId()).ifPresent(key -> repository.markProvisioned(key.subscriptionId(),
                key.resourceGroupKey(), key.nameKey()));
        return 200;
    }
}

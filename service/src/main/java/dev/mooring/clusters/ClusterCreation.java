package dev.mooring.clusters;

import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperationHandler;
import dev.mooring.arm.errors.ArmException;
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
        ConnectedCluster.Key key = ClusterIds.parse(operation.resourceId()).orElseThrow();
        if (repository.markProvisioned(key.subscriptionId(), key.resourceGroupKey(), key.nameKey()) == 0) {
            requireStillThere(key);
        }
        return 200;
    }

    @Override
    public void failed(AsyncOperation operation) {
        ClusterIds.parse(operation.resourceId()).ifPresent(key -> repository.markFailed(key.subscriptionId(),
                key.resourceGroupKey(), key.nameKey()));
    }

    /** Nothing was updated: fine on a rerun (already Succeeded); a cluster deleted meanwhile fails the creation. */
    private void requireStillThere(ConnectedCluster.Key key) {
        boolean gone = repository.findById(key)
                .map(cluster -> ProvisioningState.DELETING.equals(cluster.provisioningState()))
                .orElse(true);
        if (gone) {
            throw ArmException.notFound("ResourceNotFound", "The connected cluster '"
                    + key.nameKey() + "' was deleted before its creation finished.");
        }
    }
}

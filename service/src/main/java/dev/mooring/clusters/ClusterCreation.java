package dev.mooring.clusters;

import dev.mooring.arm.AsyncOperation;
import dev.mooring.arm.AsyncOperationHandler;
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
        ClusterIds.parse(operation.resourceId()).flatMap(repository::findById)
                .filter(cluster -> ProvisioningState.ACCEPTED.equals(cluster.provisioningState()))
                .ifPresent(cluster -> {
                    cluster.provisioned();
                    repository.save(cluster);
                });
        return 200;
    }
}

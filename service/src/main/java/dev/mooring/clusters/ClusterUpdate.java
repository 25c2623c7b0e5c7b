package dev.mooring.clusters;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperationHandler;
import org.springframework.stereotype.Component;

/**
 * Finishes a long-running PATCH (api-version 2026-05-01): the change was written with the request, the cluster
 * reads Updating until this runs and moves it back to Succeeded. The result URL then answers the cluster, as
 * the spec's {@code final-state-via: location} asks.
 */
@Component
class ClusterUpdate implements AsyncOperationHandler {

    static final String KIND = "Microsoft.Kubernetes/connectedClusters/update";

    private final ConnectedClusterRepository repository;
    private final ConnectivityPolicy connectivity;

    ClusterUpdate(ConnectedClusterRepository repository, ConnectivityPolicy connectivity) {
        this.repository = repository;
        this.connectivity = connectivity;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int run(AsyncOperation operation) {
        ConnectedCluster.Key key = ClusterIds.parse(operation.resourceId()).orElseThrow();
        if (repository.markUpdated(key.subscriptionId(), key.resourceGroupKey(), key.nameKey()) == 0
                && repository.findById(key).isEmpty()) {
            throw ConnectedClusters.notFound(key.resourceGroupKey(), key.nameKey());
        }
        return 200;
    }

    @Override
    public void failed(AsyncOperation operation) {
        ClusterIds.parse(operation.resourceId()).ifPresent(key -> repository.markFailed(key.subscriptionId(),
                key.resourceGroupKey(), key.nameKey()));
    }

    @Override
    public Object result(AsyncOperation operation) {
        ConnectedCluster cluster = ClusterIds.parse(operation.resourceId()).flatMap(repository::findById)
                .orElseThrow(() -> ArmException.notFound("ResourceNotFound", "The connected cluster of operation '"
                        + operation.id() + "' no longer exists."));
        return ClusterApiVersions.model(operation.apiVersion()).view(cluster, connectivity.of(cluster));
    }
}

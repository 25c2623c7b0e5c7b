package dev.mooring.clusters;

import dev.mooring.access.RoleAssignments;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperationHandler;
import dev.mooring.tenancy.ProviderResources;
import dev.mooring.tenancy.ResourceGroupContents;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Deletes connected clusters: the asynchronous DELETE's handler, the resource group cascade, and the
 * count that keeps Microsoft.Kubernetes registered while clusters remain. All paths delete alike: the
 * hooks of other features, the role assignments at or under the cluster, then the cluster.
 */
@Component
class ClusterDeletion implements AsyncOperationHandler, ResourceGroupContents, ProviderResources {

    static final String KIND = "Microsoft.Kubernetes/connectedClusters/delete";

    private final ConnectedClusterRepository repository;
    private final List<ClusterDeletionHook> hooks;
    private final RoleAssignments roleAssignments;

    ClusterDeletion(ConnectedClusterRepository repository, List<ClusterDeletionHook> hooks,
            RoleAssignments roleAssignments) {
        this.repository = repository;
        this.hooks = hooks;
        this.roleAssignments = roleAssignments;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int run(AsyncOperation operation) {
        ClusterIds.parse(operation.resourceId()).flatMap(repository::findById).ifPresent(this::deleteNow);
        return 200;
    }

    @Override
    public void failed(AsyncOperation operation) {
        ClusterIds.parse(operation.resourceId()).ifPresent(key -> repository.markFailed(key.subscriptionId(),
                key.resourceGroupKey(), key.nameKey()));
    }

    @Override
    public void deleteAllIn(UUID subscriptionId, String resourceGroupName) {
        repository.allInGroup(subscriptionId, resourceGroupName.toLowerCase(Locale.ROOT)).forEach(this::deleteNow);
    }

    @Override
    public String namespace() {
        return "Microsoft.Kubernetes";
    }

    @Override
    public long countIn(UUID subscriptionId) {
        return repository.countInSubscription(subscriptionId);
    }

    void deleteNow(ConnectedCluster cluster) {
        ClusterReference reference = ClusterReference.of(cluster);
        for (ClusterDeletionHook hook : hooks) {
            hook.clusterDeleted(reference);
        }
        roleAssignments.revokeAtOrUnder(cluster.resourceId());
        repository.delete(cluster);
        repository.flush();
    }
}

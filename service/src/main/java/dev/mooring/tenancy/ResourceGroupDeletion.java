package dev.mooring.tenancy;

import dev.mooring.access.RoleAssignments;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperationHandler;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Deletes a resource group: every resource in it (through each feature's own delete path), the role
 * assignments at or under it, then the group. Idempotent, so a retried operation finishes the job.
 */
@Component
class ResourceGroupDeletion implements AsyncOperationHandler {

    private final ResourceGroupRepository repository;
    private final List<ResourceGroupContents> contents;
    private final RoleAssignments roleAssignments;

    ResourceGroupDeletion(ResourceGroupRepository repository, List<ResourceGroupContents> contents,
            RoleAssignments roleAssignments) {
        this.repository = repository;
        this.contents = contents;
        this.roleAssignments = roleAssignments;
    }

    @Override
    public String kind() {
        return ResourceGroups.DELETE_KIND;
    }

    @Override
    public int run(AsyncOperation operation) {
        String[] segments = operation.resourceId().split("/");
        deleteNow(operation.subscriptionId(), segments[segments.length - 1]);
        return 200;
    }

    @Override
    public void failed(AsyncOperation operation) {
        String[] segments = operation.resourceId().split("/");
        repository.markFailed(operation.subscriptionId(), segments[segments.length - 1]);
    }

    void deleteNow(UUID subscriptionId, String name) {
        for (ResourceGroupContents content : contents) {
            content.deleteAllIn(subscriptionId, name);
        }
        roleAssignments.revokeAtOrUnder("/subscriptions/" + subscriptionId + "/resourceGroups/" + name);
        repository.deleteById(ResourceGroup.Key.of(subscriptionId, name));
    }
}

package dev.mooring.tenancy;

import dev.mooring.access.RoleAssignments;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperationHandler;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A subscription moved to Deleted: remove all its data (ARM sends no per-resource DELETEs then). Resource
 * groups go through the resource group delete path, so every feature's cascade runs.
 */
@Component
class SubscriptionDataDeletion implements AsyncOperationHandler {

    private final ResourceGroupRepository groups;
    private final ResourceGroupDeletion groupDeletion;
    private final RoleAssignments roleAssignments;
    private final ProviderRegistrations registrations;
    private final TagNames tagNames;

    SubscriptionDataDeletion(ResourceGroupRepository groups, ResourceGroupDeletion groupDeletion,
            RoleAssignments roleAssignments, ProviderRegistrations registrations, TagNames tagNames) {
        this.groups = groups;
        this.groupDeletion = groupDeletion;
        this.roleAssignments = roleAssignments;
        this.registrations = registrations;
        this.tagNames = tagNames;
    }

    @Override
    public String kind() {
        return SubscriptionLifecycle.DATA_DELETION;
    }

    @Override
    public int run(AsyncOperation operation) {
        UUID subscriptionId = operation.subscriptionId();
        for (String group : groups.namesIn(subscriptionId)) {
            groupDeletion.deleteNow(subscriptionId, group);
        }
        roleAssignments.revokeAtOrUnder("/subscriptions/" + subscriptionId);
        registrations.forgetSubscription(subscriptionId);
        tagNames.forgetSubscription(subscriptionId);
        return 200;
    }
}

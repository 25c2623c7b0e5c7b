package dev.mooring.notifications;

import dev.mooring.clusters.ClusterDeletionHook;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.secrets.SealedSecrets;
import dev.mooring.secrets.SecretBox;
import dev.mooring.tenancy.ResourceGroupContents;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Event subscriptions go with the resource they hang on (a deleted cluster or resource group takes its
 * subscriptions along; a deleted subscription's go by {@code on delete cascade}), and their sealed values move to
 * the active key with {@code --reencrypt-secrets}.
 */
@Component
class EventSubscriptionCare implements ClusterDeletionHook, ResourceGroupContents, SealedSecrets {

    private final EventSubscriptionStore store;

    EventSubscriptionCare(EventSubscriptionStore store) {
        this.store = store;
    }

    @Override
    public void clusterDeleted(ClusterReference cluster) {
        store.deleteAtOrUnder(cluster.resourceId());
    }

    @Override
    public void deleteAllIn(UUID subscriptionId, String resourceGroupName) {
        store.deleteAtOrUnder("/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroupName);
    }

    @Override
    public String kind() {
        return "event subscription endpoint URLs and signing secrets";
    }

    @Override
    public int reencrypt(SecretBox box) {
        return store.reencrypt();
    }
}

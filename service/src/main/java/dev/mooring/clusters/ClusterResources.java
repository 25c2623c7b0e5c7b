package dev.mooring.clusters;

import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmAuthorizer;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.paging.Paging;
import dev.mooring.tenancy.TrackedResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Connected clusters in ARM's generic resource list. */
@Component
class ClusterResources implements TrackedResources {

    private final ConnectedClusterRepository repository;
    private final ArmAuthorizer authorizer;

    ClusterResources(ConnectedClusterRepository repository, ArmAuthorizer authorizer) {
        this.repository = repository;
        this.authorizer = authorizer;
    }

    @Override
    public String type() {
        return ConnectedCluster.TYPE;
    }

    @Override
    public Batch page(UUID subscriptionId, String resourceGroup, String after, int limit, CallerIdentity caller) {
        if (!after.isEmpty() && after.indexOf('/') < 0) {
            throw Paging.invalidSkipToken();
        }
        String afterGroup = after.isEmpty() ? "" : after.substring(0, after.indexOf('/'));
        String afterName = after.isEmpty() ? "" : after.substring(after.indexOf('/') + 1);
        List<ConnectedCluster> batch = resourceGroup != null
                ? repository.pageInGroup(subscriptionId, resourceGroup.toLowerCase(Locale.ROOT), afterName, limit)
                : repository.pageInSubscription(subscriptionId, afterGroup, afterName, limit);
        String scope = "/subscriptions/" + subscriptionId + (resourceGroup == null ? "" : "/resourceGroups/" + resourceGroup);
        boolean readsAll = authorizer.allows(caller, ArmAction.CONNECTED_CLUSTERS_READ.action(), scope);
        List<Resource> readable = new ArrayList<>();
        for (ConnectedCluster cluster : batch) {
            if (readsAll || authorizer.allows(caller, ArmAction.CONNECTED_CLUSTERS_READ.action(), cluster.resourceId())) {
                readable.add(resource(cluster));
            }
        }
        return new Batch(readable, batch.isEmpty() ? after : key(batch.getLast()), batch.size() < limit);
    }

    private static String key(ConnectedCluster c) {
        return c.key().resourceGroupKey() + "/" + c.key().nameKey();
    }

    private static Resource resource(ConnectedCluster c) {
        Map<String, Object> identity = c.identityType() == null ? null : c.identityPrincipalId() == null
                ? Map.of("type", c.identityType())
                : Map.of("type", c.identityType(), "principalId", c.identityPrincipalId().toString(),
                        "tenantId", String.valueOf(c.identityTenantId()));
        return new Resource(key(c), c.resourceId(), c.name(),
                ConnectedCluster.TYPE, c.location(), c.tags(), c.kind(), identity, c.systemData().createdAt(),
                c.systemData().lastModifiedAt(), c.provisioningState());
    }
}

package dev.mooring.dataplane;

import dev.mooring.arm.Guids;
import dev.mooring.clusters.ClusterReference;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Agent authentication for features above the data plane (cluster connect's tunnel): the same checks as
 * every data-plane call, for the cluster named in the request's path.
 */
@Component
public class AgentCallers {

    private final AgentAuthentication authentication;
    private final DataPlaneUrls urls;

    AgentCallers(AgentAuthentication authentication, DataPlaneUrls urls) {
        this.authentication = authentication;
        this.urls = urls;
    }

    /** The calling agent's cluster; throws the data plane's ARM-format errors otherwise. */
    public ClusterReference authenticate(HttpServletRequest request, String region, String subscriptionId,
            String resourceGroupName, String clusterName) {
        UUID subscription = Guids.parse(subscriptionId);
        if (subscription == null) {
            throw DataPlaneErrors.unknownCluster();
        }
        return authentication.authenticate(request, region, r -> urls.of(r, request), subscription,
                resourceGroupName, clusterName).cluster();
    }
}

package dev.mooring.dataplane;

import dev.mooring.clusters.ClusterReference;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Agent authentication for features above the data plane (cluster connect's tunnel): the same checks as
 * every data-plane call, for the cluster named in the request's path.
 */
@Component
public class AgentCallers {

    private final AgentAuthentication authentication;

    AgentCallers(AgentAuthentication authentication) {
        this.authentication = authentication;
    }

    /** The calling agent's cluster; throws the data plane's ARM-format errors otherwise. */
    public ClusterReference authenticate(HttpServletRequest request, String region, String subscriptionId,
            String resourceGroupName, String clusterName) {
        return authentication.authenticate(request, region, subscriptionId, resourceGroupName, clusterName).cluster();
    }
}

package dev.mooring.dataplane;

import dev.mooring.clusters.ClusterReference;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Agent authentication for features above the data plane (cluster connect's tunnel): the same checks as
 * every data-plane call, for the cluster named in the request's path.
 */
@Component
public class AgentCallers {

    /** An authenticated agent: its cluster and the serial of the certificate it proved. */
    public record Identity(ClusterReference cluster, String certificateSerial) {
    }

    private final AgentAuthentication authentication;
    private final AgentCertificates certificates;
    private final Clock clock;

    AgentCallers(AgentAuthentication authentication, AgentCertificates certificates, Clock clock) {
        this.authentication = authentication;
        this.certificates = certificates;
        this.clock = clock;
    }

    /** The calling agent's cluster; throws the data plane's ARM-format errors otherwise. */
    public ClusterReference authenticate(HttpServletRequest request, String region, String subscriptionId,
            String resourceGroupName, String clusterName) {
        return identify(request, region, subscriptionId, resourceGroupName, clusterName).cluster();
    }

    /** The calling agent's cluster and certificate; throws the data plane's ARM-format errors otherwise. */
    public Identity identify(HttpServletRequest request, String region, String subscriptionId,
            String resourceGroupName, String clusterName) {
        AgentPrincipal agent = authentication.authenticate(request, region, subscriptionId, resourceGroupName, clusterName);
        return new Identity(agent.cluster(), agent.certificateSerial());
    }

    /**
     * Of the given certificate serials, those that no longer authenticate anyone (revoked, expired, or deleted with
     * their cluster): a long-lived connection opened with one must end.
     */
    public Set<String> noLongerValid(Collection<String> certificateSerials) {
        return certificates.noLongerValid(certificateSerials, clock.instant());
    }
}

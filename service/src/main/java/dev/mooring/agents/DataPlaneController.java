package dev.mooring.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent data plane of one region, at {@code /dataplane/{region}} (docs/data-plane.md). Not ARM: agents
 * authenticate with their onboarding key once, then with the certificate Mooring issued.
 */
@RestController
class DataPlaneController {

    static final String CLUSTER = "/dataplane/{region}/v1/clusters/{subscriptionId}/{resourceGroupName}/{clusterName}";

    private final Onboarding onboarding;
    private final AgentAuthentication authentication;
    private final DataPlaneUrls urls;
    private final AgentsProperties properties;

    DataPlaneController(Onboarding onboarding, AgentAuthentication authentication, DataPlaneUrls urls,
            AgentsProperties properties) {
        this.onboarding = onboarding;
        this.authentication = authentication;
        this.urls = urls;
        this.properties = properties;
    }

    @PostMapping(CLUSTER + "/onboard")
    Onboarding.Issued onboard(@PathVariable String region, @PathVariable String subscriptionId,
            @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @RequestBody(required = false) Onboarding.Request body, HttpServletRequest request) {
        return onboarding.onboard(region, r -> urls.of(r, request), parse(subscriptionId), resourceGroupName,
                clusterName, body);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Identity(String clusterResourceId, String certificateSerial, Instant certificateExpires) {
    }

    /** Who the agent is to Mooring: a cheap authenticated call agents use to check their identity. */
    @GetMapping(CLUSTER + "/identity")
    Identity identity(@PathVariable String region, @PathVariable String subscriptionId,
            @PathVariable String resourceGroupName, @PathVariable String clusterName, HttpServletRequest request) {
        AgentAuthentication.Agent agent = authentication.authenticate(request, region, r -> urls.of(r, request),
                parse(subscriptionId), resourceGroupName, clusterName);
        return new Identity(agent.cluster().resourceId(), agent.certificateSerial(), agent.certificateExpires());
    }

    /** The az CLI's bootstrap call: where the agent chart is (public, as in Arc). */
    @PostMapping("/dataplane/{region}/azure-arc-k8sagents/GetLatestHelmPackagePath")
    Map<String, String> latestHelmPackage(@PathVariable String region,
            @RequestParam(name = "releaseTrain", defaultValue = "stable") String releaseTrain) {
        String train = releaseTrain.equalsIgnoreCase("preview") ? "preview" : "stable";
        return Map.of("repositoryPath", properties.chartRepository() + ":" + properties.chartVersions().getOrDefault(train,
                properties.chartVersions().get("stable")));
    }

    private static UUID parse(String subscriptionId) {
        UUID id = dev.mooring.arm.Guids.parse(subscriptionId);
        if (id == null) {
            throw DataPlaneErrors.unknownCluster();
        }
        return id;
    }
}

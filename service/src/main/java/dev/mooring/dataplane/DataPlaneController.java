package dev.mooring.dataplane;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.clusters.ConnectivityPolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
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
    private final DataPlaneUrls urls;
    private final AgentsProperties properties;
    private final ConnectivityPolicy connectivity;
    private final HeartbeatBuffer heartbeats;
    private final AgentReports reports;
    private final java.time.Clock clock;
    private final dev.mooring.configurations.ConfigurationDelivery delivery;

    DataPlaneController(Onboarding onboarding, DataPlaneUrls urls,
            AgentsProperties properties, ConnectivityPolicy connectivity, HeartbeatBuffer heartbeats, AgentReports reports, java.time.Clock clock,
            dev.mooring.configurations.ConfigurationDelivery delivery) {
        this.onboarding = onboarding;
        this.urls = urls;
        this.properties = properties;
        this.connectivity = connectivity;
        this.heartbeats = heartbeats;
        this.reports = reports;
        this.clock = clock;
        this.delivery = delivery;
    }

    /** A heartbeat: what the agent reports, and its clock. */
    record Heartbeat(String agentVersion, String kubernetesVersion, Integer totalNodeCount, Integer totalCoreCount,
            String offering, java.util.List<AgentReports.ComponentHealth> components, Instant agentTime) {
    }

    /** The server-owned cadence (agents add ±{@code jitterPercent}) and the current configuration version. */
    record HeartbeatAnswer(long nextHeartbeatSeconds, int jitterPercent, String configurationVersion) {
    }

    @PostMapping(CLUSTER + "/heartbeat")
    HeartbeatAnswer heartbeat(@PathVariable String region, @PathVariable String subscriptionId,
            @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @RequestBody(required = false) Heartbeat beat, AgentPrincipal agent) {
        Instant now = clock.instant();
        heartbeats.beat(agent.cluster().id(), now, beat == null ? null : beat.agentTime());
        if (beat != null) {
            reports.record(agent.cluster().id(), new AgentReports.Report(beat.agentVersion(), beat.kubernetesVersion(),
                    beat.totalNodeCount(), beat.totalCoreCount(), beat.offering(), beat.components()), now);
        }
        return new HeartbeatAnswer(connectivity.heartbeatInterval().toSeconds(), connectivity.jitterPercent(),
                delivery.version(agent.cluster().id()));
    }

    static final int MAX_WAIT_SECONDS = 60;

    /**
     * The cluster's configurations, for its own agent only. {@code If-None-Match} with the last version answers
     * 304 when nothing changed; {@code waitSeconds} (up to 60) holds the request until something does.
     */
    @GetMapping(CLUSTER + "/configurations")
    ResponseEntity<ConfigurationDocuments.Snapshot> configurations(@PathVariable String region,
            @PathVariable String subscriptionId, @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @RequestParam(name = "waitSeconds", defaultValue = "0") int waitSeconds,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String known, AgentPrincipal agent)
            throws InterruptedException {
        if (known != null) {
            int wait = Math.max(0, Math.min(waitSeconds, MAX_WAIT_SECONDS));
            String current = delivery.awaitChange(agent.cluster().id(), known.strip(), wait * 1000L);
            if (current.equals(known.strip())) {
                return ResponseEntity.status(304).eTag(current).build();
            }
        }
        ConfigurationDocuments.Snapshot snapshot = ConfigurationDocuments.snapshot(delivery.desired(agent.cluster()));
        return ResponseEntity.ok().eTag(snapshot.version()).header(HttpHeaders.CACHE_CONTROL, "no-store").body(snapshot);
    }

    @PostMapping(CLUSTER + "/configurations/{configurationName}/status")
    ResponseEntity<Void> configurationStatus(@PathVariable String region,
            @PathVariable String subscriptionId, @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @PathVariable String configurationName,
            @RequestBody(required = false) ConfigurationDocuments.StatusReport report, AgentPrincipal agent) {
        delivery.report(agent.cluster(), configurationName, report == null ? null : report.toInternal());
        return ResponseEntity.noContent().build();
    }

    /** The agent removed a deleted configuration from the cluster. */
    @PostMapping(CLUSTER + "/configurations/{configurationName}/removed")
    ResponseEntity<Void> configurationRemoved(@PathVariable String region,
            @PathVariable String subscriptionId, @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @PathVariable String configurationName, AgentPrincipal agent) {
        delivery.removed(agent.cluster(), configurationName);
        return ResponseEntity.noContent().build();
    }

    /** The agent's status report about one entry of a contributed section (extensions, ...). */
    @PostMapping(CLUSTER + "/{section}/{entryName}/status")
    ResponseEntity<Void> sectionStatus(@PathVariable String region,
            @PathVariable String subscriptionId, @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @PathVariable String section, @PathVariable String entryName,
            @RequestBody(required = false) tools.jackson.databind.JsonNode report, AgentPrincipal agent) {
        delivery.report(agent.cluster(), section, entryName, report);
        return ResponseEntity.noContent().build();
    }

    /** The agent removed a deleted entry of a contributed section from the cluster. */
    @PostMapping(CLUSTER + "/{section}/{entryName}/removed")
    ResponseEntity<Void> sectionRemoved(@PathVariable String region,
            @PathVariable String subscriptionId, @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @PathVariable String section, @PathVariable String entryName, AgentPrincipal agent) {
        delivery.removed(agent.cluster(), section, entryName);
        return ResponseEntity.noContent().build();
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
            @PathVariable String resourceGroupName, @PathVariable String clusterName, AgentPrincipal agent) {
        return new Identity(agent.cluster().resourceId(), agent.certificateSerial(), agent.certificateExpires());
    }

    record RenewRequest(String csr) {
    }

    /** Renews the agent's identity (from day 46 of 90): a new certificate for the CSR's key; the current one is revoked. */
    @PostMapping(CLUSTER + "/identity/renew")
    Onboarding.Issued renew(@PathVariable String region, @PathVariable String subscriptionId,
            @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @RequestBody(required = false) RenewRequest body, AgentPrincipal agent) {
        return onboarding.renew(agent, body == null ? null : body.csr());
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

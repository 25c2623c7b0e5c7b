package dev.mooring.dataplane;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The agent data plane of one region, at {@code /dataplane/{region}} (docs/data-plane.md). Not ARM: agents
 * authenticate with their onboarding key once, then with the certificate Mooring issued. The heartbeat and the
 * identity call are answered ahead of Spring MVC by {@link LeanAgentCalls}; their handlers here document them and
 * answer whatever the lean path hands on (a body it cannot read, an unexpected failure).
 */
@RestController
class DataPlaneController {

    static final String CLUSTER = "/dataplane/{region}/v1/clusters/{subscriptionId}/{resourceGroupName}/{clusterName}";

    private final Onboarding onboarding;
    private final DataPlaneUrls urls;
    private final AgentsProperties properties;
    private final HeartbeatIntake heartbeats;
    private final dev.mooring.configurations.ConfigurationDelivery delivery;

    DataPlaneController(Onboarding onboarding, DataPlaneUrls urls, AgentsProperties properties,
            HeartbeatIntake heartbeats, dev.mooring.configurations.ConfigurationDelivery delivery) {
        this.onboarding = onboarding;
        this.urls = urls;
        this.properties = properties;
        this.heartbeats = heartbeats;
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
    @ApiResponse(responseCode = "200", description = "The cadence and the configuration version")
    @ApiResponse(responseCode = "401", description = "No valid agent call token")
    @ApiResponse(responseCode = "403", description = "The token is another cluster's")
    @ApiResponse(responseCode = "410", description = "The cluster was deleted: the agent stops")
    HeartbeatAnswer heartbeat(@PathVariable String region, @PathVariable String subscriptionId,
            @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @RequestBody(required = false) Heartbeat beat, AgentPrincipal agent) {
        return heartbeats.receive(agent, beat);
    }

    static final int MAX_WAIT_SECONDS = 60;

    /** How long past its wait the web server gives a long-poll before it gives up on it (the wait answers first). */
    private static final int ANSWER_GRACE_SECONDS = 30;

    /**
     * The cluster's configurations, for its own agent only. {@code If-None-Match} with the last version answers
     * 304 when nothing changed; {@code waitSeconds} (up to 60) holds the request until something does. A held
     * request takes no thread: it is answered asynchronously when the version moves or the time is up.
     */
    @GetMapping(CLUSTER + "/configurations")
    @ApiResponse(responseCode = "200", description = "The desired state; ETag is its version")
    @ApiResponse(responseCode = "304", description = "Unchanged since If-None-Match (after waiting up to waitSeconds)")
    @ApiResponse(responseCode = "401", description = "No valid agent call token")
    @ApiResponse(responseCode = "403", description = "The token is another cluster's")
    DeferredResult<ResponseEntity<ConfigurationDocuments.Snapshot>> configurations(@PathVariable String region,
            @PathVariable String subscriptionId, @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @RequestParam(name = "waitSeconds", defaultValue = "0") int waitSeconds,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String known, AgentPrincipal agent) {
        int wait = known == null ? 0 : Math.max(0, Math.min(waitSeconds, MAX_WAIT_SECONDS));
        DeferredResult<ResponseEntity<ConfigurationDocuments.Snapshot>> answer =
                new DeferredResult<>(TimeUnit.SECONDS.toMillis(wait + ANSWER_GRACE_SECONDS));
        String etag = known == null ? null : known.strip();
        CompletableFuture<String> version = etag == null ? CompletableFuture.completedFuture(null)
                : delivery.awaitChange(agent.cluster().id(), etag, TimeUnit.SECONDS.toMillis(wait));
        answer.onTimeout(() -> answer.setErrorResult(DataPlaneErrors.longPollUnanswered()));
        answer.onCompletion(() -> version.cancel(false));
        version.thenApply(current -> etag != null && etag.equals(current)
                        ? ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(current).<ConfigurationDocuments.Snapshot>build()
                        : desiredState(agent))
                .whenComplete((response, failure) -> {
                    if (failure == null) {
                        answer.setResult(response);
                    } else {
                        answer.setErrorResult(failure instanceof CompletionException c && c.getCause() != null
                                ? c.getCause() : failure);
                    }
                });
        return answer;
    }

    private ResponseEntity<ConfigurationDocuments.Snapshot> desiredState(AgentPrincipal agent) {
        ConfigurationDocuments.Snapshot snapshot = ConfigurationDocuments.snapshot(delivery.desired(agent.cluster()));
        return ResponseEntity.ok().eTag(snapshot.version()).header(HttpHeaders.CACHE_CONTROL, "no-store").body(snapshot);
    }

    @PostMapping(CLUSTER + "/configurations/{configurationName}/status")
    @ApiResponse(responseCode = "204", description = "Recorded; ARM shows it")
    @ApiResponse(responseCode = "400", description = "No or an unknown complianceState or messageLevel")
    @ApiResponse(responseCode = "404", description = "The cluster has no such configuration")
    ResponseEntity<Void> configurationStatus(@PathVariable String region,
            @PathVariable String subscriptionId, @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @PathVariable String configurationName,
            @RequestBody(required = false) ConfigurationDocuments.StatusReport report, AgentPrincipal agent) {
        delivery.report(agent.cluster(), configurationName, report == null ? null : report.toInternal());
        return ResponseEntity.noContent().build();
    }

    /** The agent removed a deleted configuration from the cluster. */
    @PostMapping(CLUSTER + "/configurations/{configurationName}/removed")
    @ApiResponse(responseCode = "204", description = "The configuration is gone and its delete operation completed")
    @ApiResponse(responseCode = "400", description = "The configuration is not being deleted")
    @ApiResponse(responseCode = "404", description = "The cluster has no such configuration")
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
    @ApiResponse(responseCode = "200", description = "The agent's certificate and its CA")
    @ApiResponse(responseCode = "400", description = "A malformed token or CSR")
    @ApiResponse(responseCode = "401", description = "The onboarding token does not verify with the cluster's key")
    @ApiResponse(responseCode = "404", description = "No such cluster")
    @ApiResponse(responseCode = "421", description = "The cluster is another region's: the answer names its data plane")
    Onboarding.Issued onboard(@PathVariable String region, @PathVariable String subscriptionId,
            @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @RequestBody(required = false) Onboarding.Request body, HttpServletRequest request) {
        return onboarding.onboard(region, r -> urls.of(r, request), parse(subscriptionId), resourceGroupName,
                clusterName, body);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Identity(String clusterResourceId, String certificateSerial, Instant certificateExpires) {

        static Identity of(AgentPrincipal agent) {
            return new Identity(agent.cluster().resourceId(), agent.certificateSerial(), agent.certificateExpires());
        }
    }

    /** Who the agent is to Mooring: a cheap authenticated call agents use to check their identity. */
    @GetMapping(CLUSTER + "/identity")
    @ApiResponse(responseCode = "200", description = "The cluster and the certificate the call was made with")
    @ApiResponse(responseCode = "401", description = "No valid agent call token")
    Identity identity(@PathVariable String region, @PathVariable String subscriptionId,
            @PathVariable String resourceGroupName, @PathVariable String clusterName, AgentPrincipal agent) {
        return Identity.of(agent);
    }

    record RenewRequest(String csr) {
    }

    /** Renews the agent's identity (from day 46 of 90): a new certificate for the CSR's key; the current one is revoked. */
    @PostMapping(CLUSTER + "/identity/renew")
    @ApiResponse(responseCode = "200", description = "The new certificate; the current one is revoked")
    @ApiResponse(responseCode = "400", description = "No or a malformed CSR, or renewal not due yet")
    @ApiResponse(responseCode = "401", description = "No valid agent call token")
    Onboarding.Issued renew(@PathVariable String region, @PathVariable String subscriptionId,
            @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @RequestBody(required = false) RenewRequest body, AgentPrincipal agent) {
        return onboarding.renew(agent, body == null ? null : body.csr());
    }

    /** The az CLI's bootstrap call: where the agent chart is (public, as in Arc). */
    @PostMapping("/dataplane/{region}/azure-arc-k8sagents/GetLatestHelmPackagePath")
    @ApiResponse(responseCode = "200", description = "The agent chart's repository path and version")
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

package dev.mooring.dataplane;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.clusters.ClusterDirectory;
import dev.mooring.oidc.ServiceAccountKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * What ARM's connectedClusters 2026-05-01 asks of a cluster's agent and what the agent answers, beside the
 * heartbeat (which stays as cheap as it is): {@code GET /agent-profile} (desired agent version, auto-upgrade,
 * Arc agentry configurations with their protected settings, OIDC issuer and workload identity; ETag and
 * {@code If-None-Match} as for configurations), {@code POST /agent-status} (system components, errors, state) and
 * {@code PUT /oidc/keys} (the service-account signing keys the cluster's OIDC issuer publishes).
 */
@RestController
class AgentProfileController {

    private final ClusterDirectory clusters;
    private final ServiceAccountKeys keys;

    AgentProfileController(ClusterDirectory clusters, ServiceAccountKeys keys) {
        this.clusters = clusters;
        this.keys = keys;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AgentProfile(String desiredAgentVersion, String agentAutoUpgrade,
            List<AgentryConfiguration> arcAgentryConfigurations, OidcIssuer oidcIssuer, WorkloadIdentity workloadIdentity) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AgentryConfiguration(String feature, Map<String, String> settings, Map<String, String> protectedSettings) {

        /** Never prints the protected settings. */
        @Override
        public String toString() {
            return "AgentryConfiguration[" + feature + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OidcIssuer(boolean enabled, String issuerUrl) {
    }

    record WorkloadIdentity(boolean enabled) {
    }

    @GetMapping(DataPlaneController.CLUSTER + "/agent-profile")
    ResponseEntity<AgentProfile> agentProfile(@PathVariable String region, @PathVariable String subscriptionId,
            @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String known, AgentPrincipal agent) {
        ClusterDirectory.AgentProfile profile = clusters.agentProfile(agent.cluster().id())
                .orElseThrow(DataPlaneErrors::clusterDeleted);
        String etag = "\"" + profile.version() + "\"";
        if (known != null && (known.strip().equals(etag) || known.strip().equals(profile.version()))) {
            return ResponseEntity.status(304).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).header(HttpHeaders.CACHE_CONTROL, "no-store").body(new AgentProfile(
                profile.desiredAgentVersion(), profile.agentAutoUpgrade(), profile.agentryConfigurations().stream()
                        .map(c -> new AgentryConfiguration(c.feature(), c.settings(), c.protectedSettings())).toList(),
                new OidcIssuer(profile.oidcIssuerEnabled(), profile.issuerUrl()),
                new WorkloadIdentity(profile.workloadIdentityEnabled())));
    }

    record SystemComponent(String type, String currentVersion) {
    }

    record AgentError(String message, String severity, String component, Instant time) {
    }

    /** What the agent runs: its components, its recent errors, its state (Succeeded, Upgrading, Failed …). */
    record AgentStatus(String agentState, List<SystemComponent> systemComponents, List<AgentError> agentErrors) {
    }

    @PostMapping(DataPlaneController.CLUSTER + "/agent-status")
    ResponseEntity<Void> agentStatus(@PathVariable String region, @PathVariable String subscriptionId,
            @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @RequestBody(required = false) AgentStatus status, AgentPrincipal agent) {
        if (status != null) {
            clusters.recordAgentStatus(agent.cluster().id(), status.agentState(),
                    status.systemComponents() == null ? null : status.systemComponents().stream()
                            .map(c -> c == null ? null : new ClusterDirectory.SystemComponent(c.type(), c.currentVersion()))
                            .toList(),
                    status.agentErrors() == null ? null : status.agentErrors().stream()
                            .map(e -> e == null ? null : new ClusterDirectory.AgentError(e.message(), e.severity(),
                                    e.component(), e.time()))
                            .toList());
        }
        return ResponseEntity.noContent().build();
    }

    @PutMapping(DataPlaneController.CLUSTER + "/oidc/keys")
    ResponseEntity<Void> serviceAccountKeys(@PathVariable String region, @PathVariable String subscriptionId,
            @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @RequestBody(required = false) String jwks, AgentPrincipal agent) {
        keys.replace(agent.cluster().id(), jwks);
        return ResponseEntity.noContent().build();
    }
}

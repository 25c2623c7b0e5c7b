package dev.mooring.dataplane;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The agent data plane ({@code mooring.agents.*}).
 *
 * @param caCertificate          PEM of the internal CA that signs agent identities (local mode makes one)
 * @param caPrivateKey           PEM (PKCS#8) of its private key; keep it in a secret store
 * @param certificateValidity    how long an agent certificate is valid (90 days; agents renew from day 46)
 * @param tokenMaxLifetime       the longest an onboarding or call token may live (5 minutes)
 * @param dataPlaneUrls          region → the data-plane base URL agents of that region use; a region without
 *                               one uses {@code {public base}/dataplane/{region}}
 * @param chartRepository        where the agent Helm chart is published (the bootstrap call answers it)
 * @param chartVersions          release train (stable, preview) → chart version
 * @param leanCalls              whether heartbeats and identity calls are answered ahead of Spring Security and
 *                               Spring MVC ({@link LeanAgentCalls}); the checks are the same either way
 */
@ConfigurationProperties("mooring.agents")
@Validated
public record AgentsProperties(
        @NotBlank String caCertificate,
        @NotBlank String caPrivateKey,
        @DefaultValue("90d") @NotNull Duration certificateValidity,
        @DefaultValue("5m") @NotNull Duration tokenMaxLifetime,
        Map<String, String> dataPlaneUrls,
        @DefaultValue("oci://registry.example/mooring/agent-chart") @NotBlank String chartRepository,
        Map<String, String> chartVersions,
        @DefaultValue("true") boolean leanCalls) {

    public AgentsProperties {
        dataPlaneUrls = dataPlaneUrls == null ? Map.of() : Map.copyOf(dataPlaneUrls);
        chartVersions = chartVersions == null || chartVersions.isEmpty()
                ? Map.of("stable", "0.1.0", "preview", "0.1.0") : Map.copyOf(chartVersions);
    }
}

package dev.mooring.clusters;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How agents' heartbeats turn into a cluster's connectivity ({@code mooring.connectivity.*}), in one place so the
 * cadence agents are told and the threshold that calls them Offline cannot disagree.
 *
 * @param heartbeatInterval      the cadence the data plane tells agents (as Arc: 5 min)
 * @param jitterPercent          agents spread their beats by ± this share of the interval
 * @param offlineAfterIntervals  a cluster not heard for this many intervals reads Offline (as Arc: 3, 15 min); at
 *                               least 2, so that a punctual agent's latest beat (interval + at most 50 % jitter)
 *                               always lands before it would read Offline
 * @param sweepInterval          how often connectivity transitions are recorded as events
 * @param agentNotInstalledAfter a cluster whose agent has not onboarded this long after the cluster's creation reads
 *                               AgentNotInstalled (in the api-versions whose enum has it; older ones show Connecting)
 */
@ConfigurationProperties("mooring.connectivity")
@Validated
public record ConnectivityProperties(
        @DefaultValue("5m") @NotNull Duration heartbeatInterval,
        @DefaultValue("25") @Min(0) @Max(50) int jitterPercent,
        @DefaultValue("3") @Min(2) @Max(100) int offlineAfterIntervals,
        @DefaultValue("30s") @NotNull Duration sweepInterval,
        @DefaultValue("1h") @NotNull Duration agentNotInstalledAfter) {

}

package dev.mooring.inventory;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The operator inventory ({@code mooring.inventory.*}).
 *
 * @param newestAgentVersion     the newest agent release; agents more than two minor versions older are
 *                               {@code outdated} (Arc's N-2 window). Unset: the stable agent chart version
 *                               ({@code mooring.agents.chart-versions.stable})
 * @param metricsRefreshInterval how often the Prometheus gauges re-count the fleet
 * @param countsUpkeepInterval   how often the fleet counts take in the identities that expired since and fold old
 *                               heartbeat minutes together ({@link FleetCountsUpkeep}); a summary reads the few
 *                               identities that expired meanwhile from the expiry index
 */
@ConfigurationProperties("mooring.inventory")
@Validated
record InventoryProperties(String newestAgentVersion, @DefaultValue("60s") @NotNull Duration metricsRefreshInterval,
        @DefaultValue("60s") @NotNull Duration countsUpkeepInterval) {
}

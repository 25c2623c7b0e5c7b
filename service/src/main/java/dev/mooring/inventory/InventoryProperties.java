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
 * @param expiryCountInterval    how often the fleet counts take in the identities that expired since
 *                               ({@link CountedExpiry}); a summary reads those few from the expiry index meanwhile
 */
@ConfigurationProperties("mooring.inventory")
@Validated
record InventoryProperties(String newestAgentVersion, @DefaultValue("60s") @NotNull Duration metricsRefreshInterval,
        @DefaultValue("60s") @NotNull Duration expiryCountInterval) {
}

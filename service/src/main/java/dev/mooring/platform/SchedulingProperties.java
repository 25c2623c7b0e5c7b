package dev.mooring.platform;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Background work ({@code mooring.scheduling.*}).
 *
 * @param enabled  whether this replica runs background jobs at all
 * @param poolSize threads for background jobs; at least one per job, so that a slow job (an operation held in the
 *                 database) never delays another (the heartbeat flush, the tunnel lease renewal)
 */
@ConfigurationProperties("mooring.scheduling")
@Validated
record SchedulingProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10") @Min(8) @Max(64) int poolSize) {
}

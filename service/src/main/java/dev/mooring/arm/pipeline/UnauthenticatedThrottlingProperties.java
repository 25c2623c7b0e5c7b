package dev.mooring.arm.pipeline;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Throttling of unauthenticated traffic per source address ({@code mooring.throttling.unauthenticated.*}):
 * requests without credentials and requests whose credentials are refused (401) draw from one token bucket
 * per client address and replica.
 */
@ConfigurationProperties("mooring.throttling.unauthenticated")
@Validated
record UnauthenticatedThrottlingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100") @Min(1) long capacity,
        @DefaultValue("10") @Min(1) long refillPerSecond) {
}

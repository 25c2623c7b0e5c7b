package dev.mooring.arm.pipeline;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ARM-style request throttling ({@code mooring.throttling.*}): token buckets per principal and
 * subscription, with ARM's regional defaults (reads 250 refilling 25/s, writes and deletes 200 refilling
 * 10/s). Buckets are kept per replica and sized by {@code replicas}, so the installation as a whole
 * admits what one bucket of the configured size would.
 */
@ConfigurationProperties("mooring.throttling")
@Validated
public record ThrottlingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1") @Min(1) int replicas,
        @DefaultValue("250") @Min(1) long readCapacity,
        @DefaultValue("25") @Min(1) long readRefillPerSecond,
        @DefaultValue("200") @Min(1) long writeCapacity,
        @DefaultValue("10") @Min(1) long writeRefillPerSecond,
        @DefaultValue("200") @Min(1) long deleteCapacity,
        @DefaultValue("10") @Min(1) long deleteRefillPerSecond) {
}

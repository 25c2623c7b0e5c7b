package dev.mooring.configurations;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Source control configurations ({@code mooring.configurations.*}).
 *
 * @param deletionGracePeriod       how long a delete waits for a Connected agent's acknowledgement before it fails
 *                                  (10 minutes, as Arc)
 * @param protectedSettingsRetention how long protected settings stay stored after the agent fetched them (48 hours, as Arc)
 */
@ConfigurationProperties("mooring.configurations")
@Validated
public record ConfigurationsProperties(
        @DefaultValue("10m") @NotNull Duration deletionGracePeriod,
        @DefaultValue("48h") @NotNull Duration protectedSettingsRetention) {
}

package dev.mooring.tenancy;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Resource provider registration ({@code mooring.providers.*}).
 *
 * @param registrationDelay how long a registration stays {@code Registering} before it reads {@code Registered}
 */
@ConfigurationProperties("mooring.providers")
@Validated
public record ProvidersProperties(@DefaultValue("10s") @NotNull Duration registrationDelay) {
}

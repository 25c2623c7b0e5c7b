package dev.mooring.notifications;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Event subscriptions and their delivery ({@code mooring.notifications.*}).
 *
 * @param debounceWindow        a cluster's change of one kind waits this long; later changes of that kind fold into
 *                              it, and a flap back to where it started sends nothing
 * @param identityExpiryWarning how long before an agent's identity expires the IdentityExpiringSoon event is sent
 * @param allowHttp             whether webhooks may be plain http (local mode turns it on); https otherwise
 * @param allowedNetworks       CIDR ranges a webhook may resolve to although they are loopback, link-local, private
 *                              or otherwise not public (none by default)
 * @param pollInterval          how often a replica looks for events to fan out and deliveries that are due
 * @param requestTimeout        how long one delivery or validation request may take
 * @param initialBackoff        the first retry's delay; each failure doubles it (with jitter) up to maxBackoff
 * @param maxBackoff            the longest delay between two attempts (Retry-After may ask for longer, up to an hour)
 * @param workers               how many destinations one replica delivers to at once
 */
@ConfigurationProperties("mooring.notifications")
@Validated
public record NotificationsProperties(
        @DefaultValue("2m") @NotNull Duration debounceWindow,
        @DefaultValue("14d") @NotNull Duration identityExpiryWarning,
        @DefaultValue("false") boolean allowHttp,
        @DefaultValue("") @NotNull List<String> allowedNetworks,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("30s") @NotNull Duration requestTimeout,
        @DefaultValue("10s") @NotNull Duration initialBackoff,
        @DefaultValue("10m") @NotNull Duration maxBackoff,
        @DefaultValue("16") @Min(1) @Max(256) int workers) {
}

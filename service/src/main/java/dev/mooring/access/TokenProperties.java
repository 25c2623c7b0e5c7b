package dev.mooring.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What Mooring accepts of a caller's bearer token beyond Spring's checks ({@code mooring.tokens.*}): the longest
 * lifetime (no Entra access token lives a day), the clock skew tolerated for {@code iat}/{@code nbf} in the
 * future, and how often an unknown key id may make Mooring fetch the issuer's key set again.
 */
@ConfigurationProperties("mooring.tokens")
@Validated
public record TokenProperties(
        @DefaultValue("24h") Duration maxLifetime,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("5m") Duration keySetRefetchInterval) {
}

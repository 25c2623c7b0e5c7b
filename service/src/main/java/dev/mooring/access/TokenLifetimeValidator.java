package dev.mooring.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * A token must carry {@code exp}, live no longer than {@code mooring.tokens.max-lifetime} (from {@code iat}, or
 * from now when it has none), and not be issued or become valid in the future beyond the clock skew. Spring's
 * own timestamp check accepts a token without {@code exp} for ever.
 */
@Component
@Order(1)
public class TokenLifetimeValidator implements OAuth2TokenValidator<Jwt> {

    private final TokenProperties properties;
    private final Clock clock;

    TokenLifetimeValidator(TokenProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Instant now = clock.instant();
        Instant expires = token.getExpiresAt();
        if (expires == null) {
            return failure("The access token has no expiry ('exp').");
        }
        Instant latestStart = now.plus(properties.clockSkew());
        if (token.getIssuedAt() != null && token.getIssuedAt().isAfter(latestStart)) {
            return failure("The access token is issued in the future ('iat').");
        }
        if (token.getNotBefore() != null && token.getNotBefore().isAfter(latestStart)) {
            return failure("The access token is not valid yet ('nbf').");
        }
        Instant start = token.getIssuedAt() != null ? token.getIssuedAt() : now;
        Duration lifetime = Duration.between(start.isBefore(now) ? start : now, expires);
        if (lifetime.compareTo(properties.maxLifetime()) > 0) {
            return failure("The access token lives longer than the accepted " + properties.maxLifetime().toHours()
                    + " hours.");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String message) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, message, null));
    }
}

package dev.mooring.local;

import dev.mooring.arm.errors.ArmError;
import dev.mooring.arm.errors.ArmException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Local mode's development token issuer: mints RS256 access tokens for any principal and tenant, but
 * answers only callers on the loopback interface. Exists only in local mode.
 */
@RestController
@ConditionalOnBooleanProperty("mooring.local.enabled")
class DevTokenIssuer {

    static final String TOKEN_PATH = "/local/token";
    static final String JWKS_PATH = "/local/jwks";

    private final DevIssuerKey key;
    private final JwtEncoder encoder;
    private final LocalModeProperties properties;
    private final List<String> audiences;
    private final Clock clock;

    DevTokenIssuer(DevIssuerKey key, LocalModeProperties properties, OAuth2ResourceServerProperties resourceServer,
            Clock clock) {
        this.key = key;
        this.encoder = key.encoder();
        this.properties = properties;
        this.audiences = resourceServer.getJwt().getAudiences();
        this.clock = clock;
    }

    /** Every field is optional: an empty body mints a token for the seeded local user. */
    record TokenRequest(String objectId, String tenantId, String name, String appId, List<String> roles,
            List<String> groups) {
    }

    record TokenResponse(String access_token, String token_type, long expires_in, long expires_on) {
    }

    @PostMapping(TOKEN_PATH)
    TokenResponse mint(@RequestBody(required = false) TokenRequest body, HttpServletRequest request) {
        requireLoopback(request);
        return issue(body == null ? new TokenRequest(null, null, null, null, null, null) : body,
                audiences.isEmpty() ? null : audiences.getFirst());
    }

    /** Mints a token for {@code asked} (defaults: the seeded local user) with the audience {@code audience}. */
    TokenResponse issue(TokenRequest asked, String audience) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.tokenLifetime());
        boolean application = asked.appId() != null && asked.name() == null;
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .audience(audience == null ? List.of() : List.of(audience))
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expires)
                .claim("tid", or(asked.tenantId(), properties.tenantId().toString()))
                .claim("oid", or(asked.objectId(), properties.userObjectId().toString()))
                .subject(or(asked.objectId(), properties.userObjectId().toString()))
                .claim("roles", asked.roles() == null ? List.of() : asked.roles())
                .claim("groups", asked.groups() == null ? List.of() : asked.groups());
        if (application) {
            claims.claim("appid", asked.appId()).claim("idtyp", "app");
        } else {
            String name = or(asked.name(), properties.userName());
            claims.claim("name", name).claim("upn", name).claim("idtyp", "user");
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.keyId()).type("JWT").build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return new TokenResponse(token, "Bearer", properties.tokenLifetime().toSeconds(), expires.getEpochSecond());
    }

    /** The audiences tokens may be issued for (Mooring's accepted audiences). */
    List<String> audiences() {
        return audiences;
    }

    @GetMapping(JWKS_PATH)
    Map<String, Object> jwks(HttpServletRequest request) {
        requireLoopback(request);
        return key.publicJwks();
    }

    /** Refuses anything but a direct loopback connection; a proxied request is never trusted. */
    static void requireLoopback(HttpServletRequest request) {
        boolean proxied = request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null;
        if (proxied || !isLoopback(request.getRemoteAddr())) {
            throw new ArmException(HttpStatus.FORBIDDEN, new ArmError("AuthorizationFailed",
                    "The development token issuer answers only direct requests from the loopback interface."));
        }
    }

    private static boolean isLoopback(String address) {
        try {
            // getRemoteAddr() is an IP literal, so this parses it without a DNS lookup.
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}

package dev.mooring.access;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * The issuer's key set is cached, and a token naming an unknown key id ({@code kid}) makes Mooring fetch it again
 * at most once per {@code mooring.tokens.key-set-refetch-interval}: otherwise anyone could make Mooring hammer the
 * identity provider with made-up key ids. Key rotation is still picked up: the first unknown kid after the
 * interval fetches the new set.
 */
@Component
class KeySetRefetchLimit implements JwkSetUriJwtDecoderBuilderCustomizer {

    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int SIZE_LIMIT_BYTES = 512 * 1024;

    private final OAuth2ResourceServerProperties resourceServer;
    private final TokenProperties properties;

    KeySetRefetchLimit(OAuth2ResourceServerProperties resourceServer, TokenProperties properties) {
        this.resourceServer = resourceServer;
        this.properties = properties;
    }

    @Override
    public void customize(NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder) {
        JWKSource<SecurityContext> keys = keySource(resourceServer.getJwt().getJwkSetUri());
        Set<JWSAlgorithm> algorithms = resourceServer.getJwt().getJwsAlgorithms().stream().map(JWSAlgorithm::parse)
                .collect(Collectors.toSet());
        builder.jwtProcessorCustomizer(processor -> processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(algorithms, keys)));
    }

    private JWKSource<SecurityContext> keySource(String jwkSetUri) {
        long interval = properties.keySetRefetchInterval().toMillis();
        try {
            JWKSource<SecurityContext> limited = JWKSourceBuilder.<SecurityContext>create(URI.create(jwkSetUri).toURL(),
                            new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT_BYTES))
                    .cache(interval + JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE, TIMEOUT_MILLIS)
                    .rateLimited(interval)
                    .refreshAheadCache(false)
                    .build();
            // Over the limit the key is simply unknown: the token is refused (401), not a server failure.
            return (selector, context) -> {
                try {
                    return limited.get(selector, context);
                } catch (RateLimitReachedException e) {
                    return List.of();
                }
            };
        } catch (MalformedURLException e) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.jwk-set-uri is not a URL", e);
        }
    }
}

package dev.mooring.local;

import dev.mooring.access.SecurityChains;
import dev.mooring.access.RequiredClaimsValidator;
import dev.mooring.access.TokenLifetimeValidator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything local mode adds, and nothing of it exists unless {@code mooring.local.enabled=true}: the
 * development issuer's key, a JWT decoder that trusts only that key (Spring Boot's own decoder backs
 * off), an open filter chain for {@code /local/**}, HTTPS (and kubeconfigs pointing at it) and the seed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("mooring.local.enabled")
class LocalModeConfiguration {

    @Bean
    DevIssuerKey devIssuerKey(LocalModeProperties properties) throws IOException {
        return DevIssuerKey.loadOrCreate(properties.issuerDirectory());
    }

    /** Same checks as the production decoder (signature, time, issuer, audience, required claims). */
    @Bean
    JwtDecoder localJwtDecoder(DevIssuerKey key, LocalModeProperties properties,
            OAuth2ResourceServerProperties resourceServer, RequiredClaimsValidator requiredClaims,
            TokenLifetimeValidator lifetime) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key.publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        List<String> audiences = resourceServer.getJwt().getAudiences();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtIssuerValidator(properties.issuer()));
        validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        validators.add(requiredClaims);
        validators.add(lifetime);
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(validators));
        return decoder;
    }

    @Bean
    LocalClients localClients(LocalModeProperties properties) throws IOException {
        return LocalClients.loadOrCreate(properties);
    }

    /**
     * The issuer's endpoints ({@code /local/**} and the ADFS-style authority {@code /adfs/**}) need no token (they
     * hand them out); the controllers themselves admit only loopback callers.
     */
    @Bean
    @Order(SecurityChains.LOCAL_ISSUER)
    SecurityFilterChain devIssuerSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher("/local/**", AdfsAuthority.AUTHORITY + "/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    @Bean
    LocalHttps localHttps(LocalModeProperties properties, Environment environment) throws Exception {
        return new LocalHttps(properties.httpsPort(), environment.getProperty("server.address", properties.bindAddress()),
                LocalTlsMaterial.loadOrCreate(properties.tlsDirectory()));
    }

    /** The HTTP port listens on {@code mooring.local.bind-address} (loopback) unless {@code server.address} is set. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> localBindAddress(LocalModeProperties properties,
            Environment environment) {
        return factory -> {
            if (!environment.containsProperty("server.address")) {
                try {
                    factory.setAddress(InetAddress.getByName(properties.bindAddress()));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("mooring.local.bind-address is not an address", e);
                }
            }
        };
    }

    @Bean
    LocalKubeconfigEndpoint localKubeconfigEndpoint(LocalHttps https) {
        return new LocalKubeconfigEndpoint(https);
    }
}

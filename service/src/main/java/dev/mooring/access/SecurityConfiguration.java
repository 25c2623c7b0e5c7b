package dev.mooring.access;

import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.errors.ArmErrorWriter;
import java.util.List;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Authentication for the whole API: every endpoint needs a valid RS256 bearer token except the health
 * probes, the OpenAPI document and the error page. The decoder itself is Spring Boot's, configured by
 * {@code spring.security.oauth2.resourceserver.jwt.*} only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(SecurityChains.API)
    SecurityFilterChain apiSecurity(HttpSecurity http, OAuth2ResourceServerProperties resourceServer,
            ArmErrorWriter errors, ObjectProvider<PublicEndpoints> publicEndpoints) throws Exception {
        String[] publicPatterns = publicEndpoints.orderedStream().flatMap(endpoints -> endpoints.patterns().stream())
                .toArray(String[]::new);
        List<String> audiences = resourceServer.getJwt().getAudiences();
        ArmAuthenticationEntryPoint unauthenticated = new ArmAuthenticationEntryPoint(audiences, errors);
        ArmAccessDeniedHandler denied = new ArmAccessDeniedHandler(errors);
        http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers(publicPatterns).permitAll()
                        .requestMatchers(EndpointRequest.to("prometheus")).hasAuthority(CallerIdentity.PLATFORM_ADMIN)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(token -> {
                            CallerIdentity caller = CallerIdentity.from(token);
                            return new CallerAuthentication(token, caller,
                                    caller.roles().stream().map(SimpleGrantedAuthority::new).toList());
                        }))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied)
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(
                                ResourceMetadata.of(resourceServer.getJwt().getIssuerUri()))))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied));
        return http.build();
    }
}

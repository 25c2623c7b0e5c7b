package dev.mooring.portal;

import dev.mooring.access.SecurityChains;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The portal's assets are public (they hold no data); what they show comes from API calls that carry the user's
 * token through the main chain. Every response under {@code /portal/} carries a Content-Security-Policy that
 * allows scripts and styles from Mooring's own origin only (no inline script, no eval), API calls to that origin
 * and the OpenID provider, and no framing; plus nosniff and no referrer (so an authorization code in the address
 * bar never leaks).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "mooring.portal.enabled", matchIfMissing = true)
class PortalSecurity {

    @Bean
    @Order(SecurityChains.PORTAL)
    SecurityFilterChain portalFilterChain(HttpSecurity http, PortalProperties properties) throws Exception {
        return http.securityMatcher(PortalWeb.PATH, PortalWeb.PATH + "/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(properties)))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    static String contentSecurityPolicy(PortalProperties properties) {
        String connect = properties.oidcOrigin() == null ? "'self'" : "'self' " + properties.oidcOrigin();
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src " + connect + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }
}

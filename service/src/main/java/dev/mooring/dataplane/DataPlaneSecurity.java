package dev.mooring.dataplane;

import dev.mooring.access.SecurityChains;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The data plane does not take ARM bearer tokens: agents authenticate per call with their onboarding key
 * or their Mooring-issued certificate ({@link AgentAuthentication}, {@link Onboarding}), checked in the
 * handlers. Only the public bootstrap call needs no credential.
 */
@Configuration(proxyBeanMethods = false)
class DataPlaneSecurity {

    @Bean
    @Order(SecurityChains.DATA_PLANE)
    SecurityFilterChain dataPlaneFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/dataplane/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}

package dev.mooring.dataplane;

import dev.mooring.access.SecurityChains;
import dev.mooring.arm.errors.ArmErrorWriter;
import dev.mooring.arm.pipeline.ArmFilters;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data plane does not take ARM bearer tokens: agents authenticate per call with their onboarding key
 * or their Mooring-issued certificate ({@link AgentAuthentication}, {@link Onboarding}), checked in the
 * handlers. Only the public bootstrap call needs no credential. The heartbeat and the identity call are answered
 * ahead of this chain by {@link LeanAgentCalls} (unless {@code mooring.agents.lean-calls=false}), after the ARM
 * filters and with the same authentication.
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

    @Bean
    FilterRegistrationBean<LeanAgentCalls> leanAgentCallsFilter(AgentAuthentication authentication,
            HeartbeatIntake heartbeats, JsonMapper json, ArmErrorWriter errors, AgentsProperties properties) {
        FilterRegistrationBean<LeanAgentCalls> registration = new FilterRegistrationBean<>(
                new LeanAgentCalls(authentication, heartbeats, json, errors));
        registration.addUrlPatterns(DataPlaneObservations.PREFIX + "*");
        registration.setOrder(ArmFilters.AFTER_ARM_FILTERS);
        registration.setEnabled(properties.leanCalls());
        return registration;
    }
}

package dev.mooring.dataplane;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * No Micrometer observations of agent calls: neither {@code http.server.requests} nor Spring Security's
 * observation of every filter in the chain. A million clusters call thousands of times a second, and the
 * observations cost about a tenth of a heartbeat's CPU (docs/benchmarks.md); the heartbeat buffer's flush and
 * the inventory's metrics say what matters of the fleet.
 */
@Configuration(proxyBeanMethods = false)
class DataPlaneObservations {

    static final String PREFIX = "/dataplane/";

    @Bean
    ObservationPredicate noObservationsOfAgentCalls() {
        return (name, context) -> !isAgentCall(context);
    }

    static boolean isAgentCall(Observation.Context context) {
        HttpServletRequest request = context instanceof ServerRequestObservationContext server ? server.getCarrier()
                : RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                        ? attributes.getRequest() : null;
        return request != null && request.getRequestURI().startsWith(PREFIX);
    }
}

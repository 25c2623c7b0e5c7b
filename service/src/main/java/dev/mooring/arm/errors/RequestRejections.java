package dev.mooring.arm.errors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests Spring Security's firewall refuses (a parameter name or header it does not allow, a path it finds
 * suspicious) are 400 with an ARM error, whether the firewall notices in its filter or later inside a handler.
 */
@Configuration(proxyBeanMethods = false)
class RequestRejections {

    static ArmError error() {
        return new ArmError("InvalidRequest", "The request has a path, parameter name or header that is not allowed.");
    }

    @Bean
    RequestRejectedHandler armRequestRejectedHandler(ArmErrorWriter errors) {
        return (request, response, rejected) -> errors.write(response, HttpStatus.BAD_REQUEST, error());
    }
}

package dev.mooring.arm.pipeline;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/** First ARM step: the request names an api-version its resource type serves. */
@Component
class ApiVersionCheck implements ArmPipeline.Step {

    private final ApiVersionRegistry registry;

    ApiVersionCheck(ApiVersionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public int order() {
        return ArmPipeline.API_VERSION;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        ArmRequest.operation(handler).ifPresent(operation -> {
            String version = registry.forType(operation.resourceType()).require(request.getParameter(ArmRequest.API_VERSION));
            request.setAttribute(ArmRequest.API_VERSION_ATTRIBUTE, version);
        });
        return true;
    }
}

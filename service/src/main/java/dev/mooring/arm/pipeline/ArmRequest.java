package dev.mooring.arm.pipeline;

import dev.mooring.arm.ArmOperation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/** What the ARM pipeline reads from a request: the endpoint's {@link ArmOperation}, path variables, the api-version. */
public final class ArmRequest {

    public static final String API_VERSION = "api-version";
    static final String API_VERSION_ATTRIBUTE = ArmRequest.class.getName() + ".apiVersion";
    private static final String SUBSCRIPTION_TENANT_ATTRIBUTE = ArmRequest.class.getName() + ".subscriptionTenant";

    private ArmRequest() {
    }

    public static Optional<ArmOperation> operation(Object handler) {
        return handler instanceof HandlerMethod method
                ? Optional.ofNullable(method.getMethodAnnotation(ArmOperation.class))
                : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    public static Optional<String> pathVariable(HttpServletRequest request, String name) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map
                ? Optional.ofNullable(((Map<String, String>) map).get(name))
                : Optional.empty();
    }

    /** The api-version the pipeline accepted for this request. */
    public static String apiVersion(HttpServletRequest request) {
        Object version = request.getAttribute(API_VERSION_ATTRIBUTE);
        return version != null ? version.toString() : request.getParameter(API_VERSION);
    }

    /** Records the tenant owning the subscription in the path (the subscription step does, once it has checked it). */
    public static void subscriptionTenant(HttpServletRequest request, java.util.UUID tenant) {
        request.setAttribute(SUBSCRIPTION_TENANT_ATTRIBUTE, tenant);
    }

    /** The tenant owning the subscription in the path, once the subscription step has checked it. */
    public static Optional<java.util.UUID> subscriptionTenant(HttpServletRequest request) {
        return Optional.ofNullable((java.util.UUID) request.getAttribute(SUBSCRIPTION_TENANT_ATTRIBUTE));
    }

    /** The request's path as the caller sent it (no query), which is also its ARM authorization scope. */
    public static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        // Decoded once, as the path variables are: authorization sees the canonical resource id ('rg%2Dx' is 'rg-x').
        // Tomcat refuses encoded '/', '\\' and NUL, so decoding cannot change the path's structure.
        String path = org.springframework.web.util.UriUtils.decode(uri.substring(context.length()),
                java.nio.charset.StandardCharsets.UTF_8);
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}

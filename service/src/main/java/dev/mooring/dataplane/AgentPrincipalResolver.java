package dev.mooring.dataplane;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Resolves an {@link AgentPrincipal} handler argument by authenticating the call for the cluster named in the
 * path ({@code {region}}, {@code {subscriptionId}}, {@code {resourceGroupName}}, {@code {clusterName}}).
 */
@Configuration(proxyBeanMethods = false)
class AgentPrincipalResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final AgentAuthentication authentication;

    AgentPrincipalResolver(AgentAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AgentPrincipal.class;
    }

    @Override
    public AgentPrincipal resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        @SuppressWarnings("unchecked")
        Map<String, String> path = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return authentication.authenticate(request, path.get("region"), path.get("subscriptionId"),
                path.get("resourceGroupName"), path.get("clusterName"));
    }
}

package dev.mooring.arm.pipeline;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.Preconditions;
import dev.mooring.arm.PublicUrls;
import dev.mooring.arm.paging.Paging;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves an {@link ArmContext} handler argument, once per request (later asks get the same one). */
class ArmContextResolver implements HandlerMethodArgumentResolver {

    private static final String ATTRIBUTE = ArmContext.class.getName();

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ArmContext.class;
    }

    @Override
    public ArmContext resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Object resolved = request.getAttribute(ATTRIBUTE);
        if (resolved instanceof ArmContext context) {
            return context;
        }
        ArmContext context = new ArmContext(ArmRequest.apiVersion(request), caller(),
                ArmRequest.subscriptionTenant(request),
                new Preconditions(request.getHeader(HttpHeaders.IF_MATCH), request.getHeader(HttpHeaders.IF_NONE_MATCH)),
                ArmRequest.path(request), PublicUrls.requestUri(request),
                request.getParameter(Paging.TOP), request.getParameter(Paging.SKIP_TOKEN));
        request.setAttribute(ATTRIBUTE, context);
        return context;
    }

    private static CallerIdentity caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CallerIdentity caller ? caller : null;
    }
}

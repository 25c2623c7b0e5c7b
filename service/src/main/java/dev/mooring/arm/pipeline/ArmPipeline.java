package dev.mooring.arm.pipeline;

import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The ARM request pipeline after authentication: one interceptor per ARM concern, in the order written
 * here (the servlet filters before authentication are ordered in {@link ArmFilters}). Interceptors live in
 * the feature that owns their concern and say their place through {@link Step#order()}.
 */
@Configuration(proxyBeanMethods = false)
public class ArmPipeline implements WebMvcConfigurer {

    /** api-version present and served by the endpoint's resource type. */
    public static final int API_VERSION = 100;
    /** The subscription in the path exists, belongs to the caller's tenant, and its state allows the request. */
    public static final int SUBSCRIPTION = 200;
    /** Per principal and subscription token buckets. */
    public static final int THROTTLING = 300;
    /** Role-based access: the endpoint's action at the request's scope. */
    public static final int AUTHORIZATION = 400;

    /** An interceptor that takes part in the ARM pipeline. */
    public interface Step extends HandlerInterceptor {
        int order();
    }

    private final ObjectProvider<Step> steps;

    ArmPipeline(ObjectProvider<Step> steps) {
        this.steps = steps;
    }

    @Override
    public void configurePathMatch(PathMatchConfigurer configurer) {
        // ARM matches every path segment case-insensitively (resourceGroups/resourcegroups, namespaces...).
        PathPatternParser parser = new PathPatternParser();
        parser.setCaseSensitive(false);
        configurer.setPatternParser(parser);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ArmContextResolver());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        List<Step> ordered = steps.orderedStream().sorted(Comparator.comparingInt(Step::order)).toList();
        for (Step step : ordered) {
            registry.addInterceptor(step);
        }
    }
}

package dev.mooring.arm.pipeline;

import dev.mooring.arm.errors.ArmErrorWriter;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place where the ARM filters are registered and ordered. Each filter handles one ARM concern.
 * They run before Spring Security so that authentication failures carry the ARM headers too.
 */
@Configuration(proxyBeanMethods = false)
public class ArmFilters {

    /** Order of each ARM filter; Spring Security's chain runs at {@link SecurityFilterProperties#DEFAULT_FILTER_ORDER}. */
    static final int REQUEST_IDS = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10;
    static final int QUERY_ENCODING = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 8;
    static final int UNAUTHENTICATED_THROTTLING = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 9;
    static final int EMPTY_PARENT_PATH = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 7;
    static final int REQUEST_SIZE_LIMIT = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 5;
    /** A feature's filter that answers ahead of Spring Security, after every ARM filter (the agents' lean calls). */
    public static final int AFTER_ARM_FILTERS = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1;

    @Bean
    FilterRegistrationBean<RequestIds> requestIdsFilter() {
        FilterRegistrationBean<RequestIds> registration = new FilterRegistrationBean<>(new RequestIds());
        registration.setOrder(REQUEST_IDS);
        return registration;
    }

    @Bean
    FilterRegistrationBean<QueryEncodingCheck> queryEncodingCheckFilter(ArmErrorWriter errors) {
        FilterRegistrationBean<QueryEncodingCheck> registration = new FilterRegistrationBean<>(
                new QueryEncodingCheck(errors));
        registration.setOrder(QUERY_ENCODING);
        return registration;
    }

    @Bean
    FilterRegistrationBean<EmptyParentPath> emptyParentPathFilter(ArmErrorWriter errors) {
        FilterRegistrationBean<EmptyParentPath> registration = new FilterRegistrationBean<>(new EmptyParentPath(errors));
        registration.setOrder(EMPTY_PARENT_PATH);
        return registration;
    }

    @Bean
    FilterRegistrationBean<UnauthenticatedThrottling> unauthenticatedThrottlingFilter(
            UnauthenticatedThrottlingProperties properties, ArmErrorWriter errors) {
        FilterRegistrationBean<UnauthenticatedThrottling> registration = new FilterRegistrationBean<>(
                new UnauthenticatedThrottling(properties, errors));
        registration.setOrder(UNAUTHENTICATED_THROTTLING);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimitFilter(ArmProperties properties, ArmErrorWriter errors) {
        FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
                new RequestSizeLimit(properties.maxRequestBody().toBytes(), errors));
        registration.setOrder(REQUEST_SIZE_LIMIT);
        return registration;
    }
}

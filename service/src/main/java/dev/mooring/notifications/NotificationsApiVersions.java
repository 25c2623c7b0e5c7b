package dev.mooring.notifications;

import dev.mooring.arm.ApiVersionSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Microsoft.EventGrid's api-versions Mooring serves (the eventSubscriptions shape is the same in both). */
@Configuration(proxyBeanMethods = false)
class NotificationsApiVersions {

    static final String EVENT_SUBSCRIPTIONS = "Microsoft.EventGrid/eventSubscriptions";
    private static final String[] VERSIONS = {"2022-06-15", "2025-02-15"};

    @Bean
    ApiVersionSet eventSubscriptionVersions() {
        return ApiVersionSet.of(EVENT_SUBSCRIPTIONS, VERSIONS).providerType();
    }

    @Bean
    ApiVersionSet eventGridOperationsVersions() {
        return ApiVersionSet.of("Microsoft.EventGrid/operations", VERSIONS);
    }
}

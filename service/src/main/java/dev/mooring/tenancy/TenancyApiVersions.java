package dev.mooring.tenancy;

import dev.mooring.arm.ApiVersionSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Microsoft.Resources api-versions Mooring serves (those the Azure CLI and SDKs send). */
@Configuration(proxyBeanMethods = false)
class TenancyApiVersions {

    static final String SUBSCRIPTIONS = "Microsoft.Resources/subscriptions";
    /** ARM's subscription lifecycle notification to resource providers uses api-version 2.0. */
    static final String SUBSCRIPTION_LIFECYCLE = "Microsoft.Resources/subscriptionLifecycle";
    static final String LOCATIONS = "Microsoft.Resources/locations";
    static final String RESOURCE_GROUPS = "Microsoft.Resources/resourceGroups";
    static final String PROVIDERS = "Microsoft.Resources/providers";
    /** The tags resource at a scope. */
    static final String TAGS = "Microsoft.Resources/tags";
    /** A subscription's tag names and values ({@code /subscriptions/{s}/tagNames}). */
    static final String TAG_NAMES = "Microsoft.Resources/tagNames";
    /** The generic resource list across every resource type. */
    static final String RESOURCES = "Microsoft.Resources/resources";

    static final String[] RESOURCES_VERSIONS = {"2019-10-01", "2020-06-01", "2020-10-01", "2021-01-01",
            "2021-04-01", "2022-09-01", "2023-07-01", "2024-03-01", "2024-07-01", "2024-11-01", "2025-03-01", "2025-04-01"};

    @Bean
    ApiVersionSet subscriptionVersions() {
        return ApiVersionSet.of(SUBSCRIPTIONS, "2016-06-01", "2019-06-01", "2019-11-01", "2020-01-01", "2021-01-01",
                "2022-12-01");
    }

    @Bean
    ApiVersionSet subscriptionLifecycleVersions() {
        return ApiVersionSet.of(SUBSCRIPTION_LIFECYCLE, "2.0");
    }

    @Bean
    ApiVersionSet locationVersions() {
        return ApiVersionSet.of(LOCATIONS, "2016-06-01", "2019-06-01", "2019-11-01", "2020-01-01", "2021-01-01",
                "2022-12-01");
    }

    @Bean
    ApiVersionSet resourceGroupVersions() {
        return ApiVersionSet.of(RESOURCE_GROUPS, RESOURCES_VERSIONS);
    }

    @Bean
    ApiVersionSet tagVersions() {
        return ApiVersionSet.of(TAGS, RESOURCES_VERSIONS);
    }

    @Bean
    ApiVersionSet tagNameVersions() {
        return ApiVersionSet.of(TAG_NAMES, RESOURCES_VERSIONS);
    }

    @Bean
    ApiVersionSet genericResourceVersions() {
        return ApiVersionSet.of(RESOURCES, RESOURCES_VERSIONS);
    }

    @Bean
    ApiVersionSet providerVersions() {
        return ApiVersionSet.of(PROVIDERS, RESOURCES_VERSIONS);
    }
}

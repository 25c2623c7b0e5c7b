package dev.mooring.access;

import dev.mooring.arm.ApiVersionSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Microsoft.Authorization api-versions Mooring serves (those the Azure CLI and SDKs send). */
@Configuration(proxyBeanMethods = false)
class AccessApiVersions {

    static final String ROLE_ASSIGNMENTS = "Microsoft.Authorization/roleAssignments";
    static final String ROLE_DEFINITIONS = "Microsoft.Authorization/roleDefinitions";

    @Bean
    ApiVersionSet roleAssignmentVersions() {
        return ApiVersionSet.of(ROLE_ASSIGNMENTS, "2015-07-01", "2018-09-01-preview", "2020-04-01-preview",
                "2020-10-01-preview", "2022-04-01");
    }

    @Bean
    ApiVersionSet roleDefinitionVersions() {
        return ApiVersionSet.of(ROLE_DEFINITIONS, "2015-07-01", "2018-01-01-preview", "2022-04-01", "2022-05-01-preview");
    }
}

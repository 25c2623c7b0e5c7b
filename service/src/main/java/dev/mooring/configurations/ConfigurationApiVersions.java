package dev.mooring.configurations;

import dev.mooring.arm.ApiVersionSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConfigurationApiVersions {

    static final String SOURCE_CONTROL_CONFIGURATIONS = "Microsoft.KubernetesConfiguration/sourceControlConfigurations";
    /** 2023-05-01's OperationStatus_List of the operations running on a cluster's configurations. */
    static final String CLUSTER_OPERATIONS = "Microsoft.KubernetesConfiguration/clusterOperations";

    @Bean
    ApiVersionSet sourceControlConfigurationVersions() {
        return ApiVersionSet.of(SOURCE_CONTROL_CONFIGURATIONS, "2019-11-01-preview", "2021-03-01", "2023-05-01")
                .providerType();
    }

    @Bean
    ApiVersionSet clusterOperationVersions() {
        return ApiVersionSet.of(CLUSTER_OPERATIONS, "2023-05-01").providerType();
    }
}

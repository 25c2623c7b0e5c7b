package dev.mooring.configurations;

import dev.mooring.arm.ApiVersionSet;
import dev.mooring.arm.WireModels;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sourceControlConfigurations api-versions and the wire model serving each. */
@Configuration(proxyBeanMethods = false)
class ConfigurationApiVersions {

    static final String SOURCE_CONTROL_CONFIGURATIONS = "Microsoft.KubernetesConfiguration/sourceControlConfigurations";
    /** 2023-05-01's OperationStatus_List of the operations running on a cluster's configurations. */
    static final String CLUSTER_OPERATIONS = "Microsoft.KubernetesConfiguration/clusterOperations";

    static final WireModels<ConfigurationWireModel> MODELS = new WireModels<>(new Flux2019PreviewModel(),
            new Flux2021Model());

    static ConfigurationWireModel model(String apiVersion) {
        return MODELS.of(apiVersion);
    }

    @Bean
    ApiVersionSet sourceControlConfigurationVersions() {
        return ApiVersionSet.of(SOURCE_CONTROL_CONFIGURATIONS, MODELS.versions().toArray(String[]::new)).providerType();
    }

    @Bean
    ApiVersionSet clusterOperationVersions() {
        return ApiVersionSet.of(CLUSTER_OPERATIONS, "2023-05-01").providerType();
    }
}

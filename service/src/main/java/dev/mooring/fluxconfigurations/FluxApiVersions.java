package dev.mooring.fluxconfigurations;

import dev.mooring.arm.ApiVersionSet;
import dev.mooring.arm.WireModels;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The fluxConfigurations api-versions and the wire model serving each. */
@Configuration(proxyBeanMethods = false)
class FluxApiVersions {

    static final String FLUX_CONFIGURATIONS = "Microsoft.KubernetesConfiguration/fluxConfigurations";

    static final WireModels<FluxWireModel> MODELS = new WireModels<>(new Flux2023Model(), new Flux2025Model());

    static FluxWireModel model(String apiVersion) {
        return MODELS.of(apiVersion);
    }

    @Bean
    ApiVersionSet fluxConfigurationVersions() {
        return ApiVersionSet.of(FLUX_CONFIGURATIONS, MODELS.versions().toArray(String[]::new)).providerType();
    }
}

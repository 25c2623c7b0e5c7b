package dev.mooring.extensions;

import dev.mooring.arm.ApiVersionSet;
import dev.mooring.arm.WireModels;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The extensions api-versions and the wire model serving each. */
@Configuration(proxyBeanMethods = false)
class ExtensionApiVersions {

    static final String EXTENSIONS = "Microsoft.KubernetesConfiguration/extensions";
    /** An extension's own operation status ({@code .../extensions/{name}/operations/{operationId}}). */
    static final String EXTENSION_OPERATIONS = "Microsoft.KubernetesConfiguration/extensions/operations";

    static final WireModels<ExtensionWireModel> MODELS = new WireModels<>(new Extensions2025Model(),
            new Extensions2023Model());

    static ExtensionWireModel model(String apiVersion) {
        return MODELS.of(apiVersion);
    }

    @Bean
    ApiVersionSet extensionVersions() {
        return ApiVersionSet.of(EXTENSIONS, MODELS.versions().toArray(String[]::new)).providerType();
    }

    @Bean
    ApiVersionSet extensionOperationVersions() {
        return ApiVersionSet.of(EXTENSION_OPERATIONS, MODELS.versions().toArray(String[]::new)).providerType();
    }
}

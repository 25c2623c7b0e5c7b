package dev.mooring.platform;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code /v3/api-docs} says about itself: Mooring's name and version instead of springdoc's "OpenAPI
 * definition" {@code v0}. The reviewed, per-surface documents are {@code api-spec/*.openapi.json}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentConfiguration {

    @Bean
    OpenAPI mooringApiDocument() {
        String version = ApiDocumentConfiguration.class.getPackage().getImplementationVersion();
        return new OpenAPI().info(new Info().title("Mooring")
                .description("ARM surface (Microsoft.Kubernetes, Microsoft.KubernetesConfiguration, Microsoft.Resources,"
                        + " Microsoft.Authorization), the agent data plane and the operators' inventory.")
                .version(version == null ? "development" : version));
    }
}

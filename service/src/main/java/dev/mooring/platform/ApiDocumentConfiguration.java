package dev.mooring.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * What {@code /v3/api-docs} (and the Swagger UI at {@code /swagger-ui.html}) says: Mooring's name and version
 * instead of springdoc's "OpenAPI definition" {@code v0}, and the error every operation answers with, ARM's
 * {@code {"error":{"code","message"}}}, on its 4xx/5xx responses and as the default. The reviewed, per-surface
 * documents are {@code api-spec/*.openapi.json}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentConfiguration {

    static final String ARM_ERROR = "ArmError";
    private static final String ARM_ERROR_REF = "#/components/schemas/" + ARM_ERROR;

    @Bean
    OpenAPI mooringApiDocument() {
        String version = ApiDocumentConfiguration.class.getPackage().getImplementationVersion();
        return new OpenAPI().info(new Info().title("Mooring")
                .description("ARM surface (Microsoft.Kubernetes, Microsoft.KubernetesConfiguration, Microsoft.Resources,"
                        + " Microsoft.Authorization), the agent data plane, cluster connect and the operators' inventory.")
                .version(version == null ? "development" : version));
    }

    /** Last, so that it also covers the paths other customizers add (cluster connect's). */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    OpenApiCustomizer armErrorResponses() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(ARM_ERROR, armError());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                operation.getResponses().forEach((code, response) -> {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        response.setContent(errorContent());
                    } else if (code.equals("204") || code.equals("304")) {
                        response.setContent(null);
                    }
                });
                operation.getResponses().putIfAbsent("default", new ApiResponse()
                        .description("An ARM-format error").content(errorContent()));
            }));
        };
    }

    private static Content errorContent() {
        return new Content().addMediaType("application/json", new MediaType().schema(new Schema<>().$ref(ARM_ERROR_REF)));
    }

    private static Schema<?> armError() {
        ObjectSchema error = new ObjectSchema();
        error.setProperties(new java.util.LinkedHashMap<>(Map.of("code", new StringSchema(), "message", new StringSchema(),
                "target", new StringSchema())));
        error.setRequired(java.util.List.of("code", "message"));
        ObjectSchema body = new ObjectSchema();
        body.addProperty("error", error);
        body.setRequired(java.util.List.of("error"));
        return body.description("ARM's error body: {\"error\":{\"code\",\"message\"[,\"target\"]}}");
    }
}

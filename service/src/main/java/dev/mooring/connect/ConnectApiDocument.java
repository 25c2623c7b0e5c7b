package dev.mooring.connect;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Cluster connect in {@code /v3/api-docs}: {@link ConnectServlet} is a servlet, which springdoc does not see, so its
 * path is described here (any method, relayed to the cluster's API server; docs/cluster-connect.md).
 */
@Configuration(proxyBeanMethods = false)
class ConnectApiDocument {

    static final String PATH = "/connect/{clusterHash}/{kubernetesPath}";

    @Bean
    @Order(0)
    OpenApiCustomizer connectPath() {
        return openApi -> {
            PathItem item = new PathItem().description("kubectl through Mooring: the request is relayed over the"
                    + " agent's tunnel to the cluster's API server, impersonating the caller; the answer is the API"
                    + " server's, streamed (watches and upgrades included).");
            for (PathItem.HttpMethod method : List.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.POST,
                    PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE)) {
                item.operation(method, operation(method));
            }
            openApi.path(PATH, item);
        };
    }

    private static Operation operation(PathItem.HttpMethod method) {
        return new Operation().operationId("connect" + method.name().charAt(0) + method.name().substring(1).toLowerCase())
                .tags(List.of("cluster-connect"))
                .summary(method + " on the cluster's API server")
                .addParametersItem(new Parameter().in("path").name("clusterHash").required(true).schema(new StringSchema())
                        .description("hex SHA-256 of the lower-cased cluster resource id (from listClusterUserCredential)"))
                .addParametersItem(new Parameter().in("path").name("kubernetesPath").required(true)
                        .schema(new StringSchema()).description("the Kubernetes API path, e.g. api/v1/namespaces"))
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("The API server's answer, as it sent it"))
                        .addApiResponse("401", new ApiResponse().description("No or an invalid connect credential"))
                        .addApiResponse("403", new ApiResponse().description("The caller lost listClusterUserCredential"))
                        .addApiResponse("404", new ApiResponse().description("No such cluster"))
                        .addApiResponse("429", new ApiResponse().description("Too many streams to the cluster"))
                        .addApiResponse("502", new ApiResponse().description("The cluster's agent is not connected")));
    }
}

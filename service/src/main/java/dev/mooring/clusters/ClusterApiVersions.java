package dev.mooring.clusters;

import dev.mooring.arm.ApiVersionSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connectedClusters api-versions and the wire model serving each. */
@Configuration(proxyBeanMethods = false)
class ClusterApiVersions {

    static final String CONNECTED_CLUSTERS = "Microsoft.Kubernetes/connectedClusters";
    static final String LIST_USER_CREDENTIAL = "Microsoft.Kubernetes/connectedClusters/listClusterUserCredential";

    static final List<ClusterWireModel> MODELS = List.of(new Arc2021Model(), new Arc2024Model());
    private static final Map<String, ClusterWireModel> BY_VERSION = MODELS.stream()
            .flatMap(model -> model.apiVersions().stream().map(version -> Map.entry(version, model)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    static ClusterWireModel model(String apiVersion) {
        ClusterWireModel model = BY_VERSION.get(apiVersion);
        if (model == null) {
            throw new IllegalStateException("No wire model for served api-version " + apiVersion);
        }
        return model;
    }

    @Bean
    ApiVersionSet connectedClusterVersions() {
        return ApiVersionSet.of(CONNECTED_CLUSTERS, BY_VERSION.keySet().toArray(String[]::new)).providerType();
    }

    @Bean
    ApiVersionSet listUserCredentialVersions() {
        return ApiVersionSet.of(LIST_USER_CREDENTIAL, "2021-10-01", "2024-01-01").providerType();
    }
}

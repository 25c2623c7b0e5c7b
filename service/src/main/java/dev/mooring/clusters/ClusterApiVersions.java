package dev.mooring.clusters;

import dev.mooring.arm.ApiVersionSet;
import dev.mooring.arm.WireModels;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connectedClusters api-versions and the wire model serving each. */
@Configuration(proxyBeanMethods = false)
class ClusterApiVersions {

    static final String CONNECTED_CLUSTERS = "Microsoft.Kubernetes/connectedClusters";
    static final String LIST_USER_CREDENTIAL = "Microsoft.Kubernetes/connectedClusters/listClusterUserCredential";

    static final WireModels<ClusterWireModel> MODELS = new WireModels<>(new Arc2021Model(), new Arc2024Model(),
            Arc2026Model.preview2024(), Arc2026Model.previews(), Arc2026Model.stable());

    /** The versions whose listClusterUserCredential schema has relayTid and relayType. */
    static boolean credentialsNameRelay(String apiVersion) {
        return model(apiVersion) instanceof Arc2026Model;
    }

    static ClusterWireModel model(String apiVersion) {
        return MODELS.of(apiVersion);
    }

    @Bean
    ApiVersionSet connectedClusterVersions() {
        return ApiVersionSet.of(CONNECTED_CLUSTERS, MODELS.versions().toArray(String[]::new)).providerType();
    }

    @Bean
    ApiVersionSet listUserCredentialVersions() {
        return ApiVersionSet.of(LIST_USER_CREDENTIAL, MODELS.versions().stream()
                .filter(version -> !version.equals("2021-03-01")).toArray(String[]::new)).providerType();
    }
}

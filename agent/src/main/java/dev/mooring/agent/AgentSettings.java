package dev.mooring.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the agent is told at install time, named as the az CLI sets Arc's Helm values (the chart maps
 * {@code global.subscriptionId} to {@code MOORING_SUBSCRIPTION_ID}, and so on).
 *
 * @param dataPlaneUrl         the region's data plane, e.g. {@code https://mooring.example/dataplane/eastus}
 * @param onboardingPrivateKey PEM of the onboarding private key ({@code global.onboardingPrivateKey})
 * @param stateDirectory       where the agent keeps its identity across restarts
 * @param httpsProxy           {@code global.httpsProxy} (also {@code global.httpProxy}, {@code global.noProxy})
 * @param proxyCertificate     PEM of an extra CA to trust ({@code global.proxyCert})
 */
record AgentSettings(String subscriptionId, String resourceGroupName, String resourceName, String location,
        String tenantId, String onboardingPrivateKey, String dataPlaneUrl, Path stateDirectory, String httpsProxy,
        String httpProxy, String noProxy, String proxyCertificate, String kubernetesVersion, Integer totalNodeCount,
        Integer totalCoreCount) {

    static AgentSettings fromEnvironment(Map<String, String> env) {
        return new AgentSettings(
                required(env, "MOORING_SUBSCRIPTION_ID"),
                required(env, "MOORING_RESOURCE_GROUP"),
                required(env, "MOORING_RESOURCE_NAME"),
                required(env, "MOORING_LOCATION"),
                env.get("MOORING_TENANT_ID"),
                pemFrom(env, "MOORING_ONBOARDING_PRIVATE_KEY"),
                required(env, "MOORING_DATA_PLANE_URL"),
                Path.of(env.getOrDefault("MOORING_STATE_DIR", "/var/lib/mooring-agent")),
                firstOf(env, "HTTPS_PROXY", "https_proxy"),
                firstOf(env, "HTTP_PROXY", "http_proxy"),
                firstOf(env, "NO_PROXY", "no_proxy"),
                env.containsKey("MOORING_PROXY_CERT") || env.containsKey("MOORING_PROXY_CERT_FILE")
                        ? pemFrom(env, "MOORING_PROXY_CERT") : null,
                env.get("MOORING_KUBERNETES_VERSION"),
                integer(env.get("MOORING_TOTAL_NODE_COUNT")),
                integer(env.get("MOORING_TOTAL_CORE_COUNT")));
    }

    /** The same settings for a cluster of another name (the simulator's: the name as written in the path). */
    AgentSettings withResourceName(String name) {
        return new AgentSettings(subscriptionId, resourceGroupName, name, location, tenantId, onboardingPrivateKey,
                dataPlaneUrl, stateDirectory, httpsProxy, httpProxy, noProxy, proxyCertificate, kubernetesVersion,
                totalNodeCount, totalCoreCount);
    }

    /** The cluster's resource id, as ARM knows it. */
    String clusterResourceId() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroupName
                + "/providers/Microsoft.Kubernetes/connectedClusters/" + resourceName;
    }

    String clusterPath() {
        String base = dataPlaneUrl.endsWith("/") ? dataPlaneUrl.substring(0, dataPlaneUrl.length() - 1) : dataPlaneUrl;
        return base + "/v1/clusters/" + subscriptionId + "/" + resourceGroupName + "/" + resourceName;
    }

    String audience() {
        return dataPlaneUrl.endsWith("/") ? dataPlaneUrl.substring(0, dataPlaneUrl.length() - 1) : dataPlaneUrl;
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.strip();
    }

    /** A PEM given inline ({@code NAME}) or as a file ({@code NAME_FILE}). */
    private static String pemFrom(Map<String, String> env, String name) {
        if (env.containsKey(name + "_FILE")) {
            try {
                return Files.readString(Path.of(env.get(name + "_FILE")));
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read " + name + "_FILE", e);
            }
        }
        return required(env, name);
    }

    private static String firstOf(Map<String, String> env, String... names) {
        for (String name : names) {
            if (env.get(name) != null && !env.get(name).isBlank()) {
                return env.get(name).strip();
            }
        }
        return null;
    }

    private static Integer integer(String value) {
        return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
    }
}

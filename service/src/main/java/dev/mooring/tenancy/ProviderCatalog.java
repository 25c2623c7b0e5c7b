package dev.mooring.tenancy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The resource provider manifests Mooring serves: what {@code GET /subscriptions/{s}/providers/{ns}}
 * shows under {@code resourceTypes}, and which namespaces need registration. Locations come from
 * {@link Regions#served()}, so the regional rules live in one place.
 */
final class ProviderCatalog {

    static final String KUBERNETES = "Microsoft.Kubernetes";
    static final String KUBERNETES_CONFIGURATION = "Microsoft.KubernetesConfiguration";
    static final String RESOURCES = "Microsoft.Resources";
    static final String AUTHORIZATION = "Microsoft.Authorization";
    static final String EVENT_GRID = "Microsoft.EventGrid";

    static final List<String> CONNECTED_CLUSTER_VERSIONS = List.of("2026-05-01", "2025-12-01-preview",
            "2025-08-01-preview", "2024-12-01-preview", "2024-07-15-preview", "2024-01-01", "2021-10-01", "2021-03-01");
    static final List<String> CONFIGURATION_VERSIONS = List.of("2023-05-01", "2021-03-01", "2019-11-01-preview");
    static final List<String> EVENT_GRID_VERSIONS = List.of("2025-02-15", "2022-06-15");
    static final List<String> FLUX_CONFIGURATION_VERSIONS = List.of("2025-04-01", "2023-05-01");
    static final List<String> EXTENSION_VERSIONS = List.of("2025-03-01", "2023-05-01");

    /** A resource type entry; {@code regional} types list the served regions, the others no locations. */
    record ResourceType(String resourceType, boolean regional, List<String> apiVersions, String capabilities) {
    }

    /** A provider; {@code alwaysRegistered} ones need no registration (Microsoft.Resources, Microsoft.Authorization). */
    record Provider(String namespace, boolean alwaysRegistered, List<ResourceType> resourceTypes) {
    }

    static final List<Provider> PROVIDERS = List.of(
            new Provider(KUBERNETES, false, List.of(
                    new ResourceType("connectedClusters", true, CONNECTED_CLUSTER_VERSIONS, "SupportsTags, SupportsLocation"),
                    new ResourceType("locations", false, CONNECTED_CLUSTER_VERSIONS, "None"),
                    new ResourceType("locations/operationStatuses", true, CONNECTED_CLUSTER_VERSIONS, "None"),
                    new ResourceType("registeredSubscriptions", false, CONNECTED_CLUSTER_VERSIONS, "None"),
                    new ResourceType("operations", false, CONNECTED_CLUSTER_VERSIONS, "None"))),
            new Provider(KUBERNETES_CONFIGURATION, false, List.of(
                    new ResourceType("sourceControlConfigurations", true, CONFIGURATION_VERSIONS, "SupportsExtension"),
                    new ResourceType("fluxConfigurations", true, FLUX_CONFIGURATION_VERSIONS, "SupportsExtension"),
                    new ResourceType("extensions", true, EXTENSION_VERSIONS, "SupportsExtension"),
                    new ResourceType("operations", false, CONFIGURATION_VERSIONS, "None"),
                    new ResourceType("locations/operationStatuses", true, CONFIGURATION_VERSIONS, "None"))),
            new Provider(EVENT_GRID, false, List.of(
                    new ResourceType("eventSubscriptions", false, EVENT_GRID_VERSIONS, "SupportsExtension"),
                    new ResourceType("operations", false, EVENT_GRID_VERSIONS, "None"))),
            new Provider(RESOURCES, true, List.of(
                    new ResourceType("resourceGroups", false, List.of("2021-04-01"), "None"),
                    new ResourceType("subscriptions", false, List.of("2022-12-01"), "None"),
                    new ResourceType("tagNames", false, List.of(TenancyApiVersions.RESOURCES_VERSIONS), "None"))),
            new Provider(AUTHORIZATION, true, List.of(
                    new ResourceType("roleAssignments", false, List.of("2022-04-01"), "SupportsExtension"),
                    new ResourceType("roleDefinitions", false, List.of("2022-04-01"), "SupportsExtension"))));

    private ProviderCatalog() {
    }

    static Optional<Provider> find(String namespace) {
        return PROVIDERS.stream().filter(p -> p.namespace().toLowerCase(Locale.ROOT)
                .equals(namespace.toLowerCase(Locale.ROOT))).findFirst();
    }
}

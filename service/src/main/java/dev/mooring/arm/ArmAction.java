package dev.mooring.arm;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one table of every action Mooring knows. Endpoints name their action here
 * ({@link ArmOperation#actions()}), role definitions grant them, and {@code GET /providers/{ns}/operations}
 * publishes them: a test fails when an endpoint's action has no entry.
 */
public enum ArmAction {

    // Microsoft.Resources
    SUBSCRIPTIONS_READ("Microsoft.Resources/subscriptions/read", "Subscription", "Get subscription",
            "Gets the list of subscriptions."),
    SUBSCRIPTIONS_WRITE("Microsoft.Resources/subscriptions/write", "Subscription", "Update subscription state",
            "Applies ARM's subscription lifecycle notification (platform administrators only)."),
    SUBSCRIPTION_LOCATIONS_READ("Microsoft.Resources/subscriptions/locations/read", "Location", "List locations",
            "Gets the available locations of a subscription."),
    SUBSCRIPTION_OPERATION_RESULTS_READ("Microsoft.Resources/subscriptions/operationresults/read",
            "Subscription operation results", "Get operation results", "Gets the subscription operation results."),
    RESOURCE_GROUPS_READ("Microsoft.Resources/subscriptions/resourceGroups/read", "Resource group",
            "Get resource group", "Gets or lists resource groups."),
    RESOURCE_GROUPS_WRITE("Microsoft.Resources/subscriptions/resourceGroups/write", "Resource group",
            "Create or update resource group", "Creates or updates a resource group."),
    RESOURCE_GROUPS_DELETE("Microsoft.Resources/subscriptions/resourceGroups/delete", "Resource group",
            "Delete resource group", "Deletes a resource group and all its resources."),
    RESOURCES_READ("Microsoft.Resources/subscriptions/resources/read", "Resource", "List resources",
            "Lists the resources of a subscription or resource group, of every resource type."),
    TAGS_READ("Microsoft.Resources/tags/read", "Tags", "Get tags", "Gets the tags of a resource or resource group, or a subscription's tag names and values."),
    TAGS_WRITE("Microsoft.Resources/tags/write", "Tags", "Update tags",
            "Replaces, merges or deletes the tags of a resource or resource group, or adds predefined tag names and values."),
    TAGS_DELETE("Microsoft.Resources/tags/delete", "Tags", "Delete tags",
            "Removes every tag of a resource or resource group, or a predefined tag name or value."),
    PROVIDERS_READ("Microsoft.Resources/subscriptions/providers/read", "Resource provider",
            "Get resource provider", "Gets or lists resource providers and their registration state."),

    // Microsoft.Authorization
    ROLE_ASSIGNMENTS_READ("Microsoft.Authorization/roleAssignments/read", "Role assignment",
            "Get role assignment", "Gets information about a role assignment."),
    ROLE_ASSIGNMENTS_WRITE("Microsoft.Authorization/roleAssignments/write", "Role assignment",
            "Create role assignment", "Creates a role assignment at the specified scope."),
    ROLE_ASSIGNMENTS_DELETE("Microsoft.Authorization/roleAssignments/delete", "Role assignment",
            "Delete role assignment", "Deletes a role assignment at the specified scope."),
    ROLE_DEFINITIONS_READ("Microsoft.Authorization/roleDefinitions/read", "Role definition",
            "Get role definition", "Gets information about a role definition."),

    // Microsoft.Kubernetes
    KUBERNETES_REGISTER("Microsoft.Kubernetes/register/action", "Microsoft.Kubernetes",
            "Register Microsoft.Kubernetes", "Registers the subscription with the Microsoft.Kubernetes resource provider."),
    KUBERNETES_UNREGISTER("Microsoft.Kubernetes/unregister/action", "Microsoft.Kubernetes",
            "Unregister Microsoft.Kubernetes", "Unregisters the subscription from the Microsoft.Kubernetes resource provider."),
    KUBERNETES_OPERATIONS_READ("Microsoft.Kubernetes/operations/read", "Operations", "Get operations",
            "Lists the operations the Microsoft.Kubernetes resource provider offers."),
    KUBERNETES_OPERATION_STATUSES_READ("Microsoft.Kubernetes/locations/operationstatuses/read",
            "Operation status", "Get operation status", "Gets the status of an asynchronous operation."),
    KUBERNETES_REGISTERED_SUBSCRIPTIONS_READ("Microsoft.Kubernetes/registeredSubscriptions/read",
            "Registered subscriptions", "Get registered subscriptions", "Gets the subscriptions registered with the provider."),
    CONNECTED_CLUSTERS_READ("Microsoft.Kubernetes/connectedClusters/read", "Connected cluster",
            "Get connected cluster", "Gets or lists connected clusters."),
    CONNECTED_CLUSTERS_WRITE("Microsoft.Kubernetes/connectedClusters/write", "Connected cluster",
            "Create or update connected cluster", "Creates or updates a connected cluster."),
    CONNECTED_CLUSTERS_DELETE("Microsoft.Kubernetes/connectedClusters/delete", "Connected cluster",
            "Delete connected cluster", "Deletes a connected cluster."),
    CONNECTED_CLUSTERS_LIST_USER_CREDENTIAL("Microsoft.Kubernetes/connectedClusters/listClusterUserCredential/action",
            "Connected cluster", "List cluster user credential", "Lists the credentials to reach a connected cluster."),

    // Microsoft.KubernetesConfiguration
    KUBERNETES_CONFIGURATION_REGISTER("Microsoft.KubernetesConfiguration/register/action",
            "Microsoft.KubernetesConfiguration", "Register Microsoft.KubernetesConfiguration",
            "Registers the subscription with the Microsoft.KubernetesConfiguration resource provider."),
    KUBERNETES_CONFIGURATION_UNREGISTER("Microsoft.KubernetesConfiguration/unregister/action",
            "Microsoft.KubernetesConfiguration", "Unregister Microsoft.KubernetesConfiguration",
            "Unregisters the subscription from the Microsoft.KubernetesConfiguration resource provider."),
    KUBERNETES_CONFIGURATION_OPERATIONS_READ("Microsoft.KubernetesConfiguration/operations/read", "Operations",
            "Get operations", "Lists the operations the Microsoft.KubernetesConfiguration resource provider offers."),
    KUBERNETES_CONFIGURATION_OPERATION_STATUSES_READ(
            "Microsoft.KubernetesConfiguration/locations/operationStatuses/read", "Operation status",
            "Get operation status", "Gets the status of an asynchronous operation."),
    SOURCE_CONTROL_CONFIGURATIONS_READ("Microsoft.KubernetesConfiguration/sourceControlConfigurations/read",
            "Source control configuration", "Get source control configuration",
            "Gets or lists source control configurations."),
    SOURCE_CONTROL_CONFIGURATIONS_WRITE("Microsoft.KubernetesConfiguration/sourceControlConfigurations/write",
            "Source control configuration", "Create or update source control configuration",
            "Creates or updates a source control configuration."),
    SOURCE_CONTROL_CONFIGURATIONS_DELETE("Microsoft.KubernetesConfiguration/sourceControlConfigurations/delete",
            "Source control configuration", "Delete source control configuration",
            "Deletes a source control configuration."),

    // Microsoft.EventGrid (event subscriptions: Mooring's notifications)
    EVENTGRID_REGISTER("Microsoft.EventGrid/register/action", "Microsoft.EventGrid", "Register Microsoft.EventGrid",
            "Registers the subscription with the Microsoft.EventGrid resource provider."),
    EVENTGRID_UNREGISTER("Microsoft.EventGrid/unregister/action", "Microsoft.EventGrid",
            "Unregister Microsoft.EventGrid", "Unregisters the subscription from the Microsoft.EventGrid resource provider."),
    EVENT_SUBSCRIPTIONS_READ("Microsoft.EventGrid/eventSubscriptions/read", "Event subscription",
            "Get event subscription", "Gets or lists event subscriptions."),
    EVENT_SUBSCRIPTIONS_WRITE("Microsoft.EventGrid/eventSubscriptions/write", "Event subscription",
            "Create or update event subscription", "Creates or updates an event subscription."),
    EVENT_SUBSCRIPTIONS_DELETE("Microsoft.EventGrid/eventSubscriptions/delete", "Event subscription",
            "Delete event subscription", "Deletes an event subscription."),
    EVENT_SUBSCRIPTIONS_LIST_SECRET("Microsoft.EventGrid/eventSubscriptions/listSecret/action", "Event subscription",
            "List event subscription secret", "Gets the secret that signs an event subscription's deliveries."),
    EXTENSIONS_READ("Microsoft.KubernetesConfiguration/extensions/read", "Extension", "Get extension",
            "Gets or lists a cluster's extensions."),
    EXTENSIONS_WRITE("Microsoft.KubernetesConfiguration/extensions/write", "Extension", "Create or update extension",
            "Creates or updates a cluster extension."),
    EXTENSIONS_DELETE("Microsoft.KubernetesConfiguration/extensions/delete", "Extension", "Delete extension",
            "Deletes a cluster extension."),
    EXTENSIONS_OPERATIONS_READ("Microsoft.KubernetesConfiguration/extensions/operations/read", "Extension",
            "Get extension operation status", "Gets the status of an extension's asynchronous operation."),
    FLUX_CONFIGURATIONS_READ("Microsoft.KubernetesConfiguration/fluxConfigurations/read", "Flux configuration",
            "Get flux configuration", "Gets or lists flux configurations."),
    FLUX_CONFIGURATIONS_WRITE("Microsoft.KubernetesConfiguration/fluxConfigurations/write", "Flux configuration",
            "Create or update flux configuration", "Creates or updates a flux configuration."),
    FLUX_CONFIGURATIONS_DELETE("Microsoft.KubernetesConfiguration/fluxConfigurations/delete", "Flux configuration",
            "Delete flux configuration", "Deletes a flux configuration."),
    FLUX_CONFIGURATION_OPERATIONS_READ("Microsoft.KubernetesConfiguration/fluxConfigurations/operations/read",
            "Flux configuration operation", "Get flux configuration operation status",
            "Gets the status of a flux configuration's asynchronous operation.");

    private final String action;
    private final String resource;
    private final String operation;
    private final String description;

    ArmAction(String action, String resource, String operation, String description) {
        this.action = action;
        this.resource = resource;
        this.operation = operation;
        this.description = description;
    }

    /** The action string, e.g. {@code Microsoft.Resources/subscriptions/resourceGroups/read}. */
    public String action() {
        return action;
    }

    public String namespace() {
        return action.substring(0, action.indexOf('/'));
    }

    public String resource() {
        return resource;
    }

    public String operation() {
        return operation;
    }

    public String description() {
        return description;
    }

    public static List<ArmAction> inNamespace(String namespace) {
        return Arrays.stream(values()).filter(a -> a.namespace().equalsIgnoreCase(namespace)).toList();
    }

    /** {@code {namespace}/register/action} or {@code /unregister/action}, if Mooring serves that namespace. */
    public static ArmAction registration(String namespace, boolean register) {
        String wanted = (namespace + (register ? "/register/action" : "/unregister/action")).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.action.toLowerCase(Locale.ROOT).equals(wanted)).findFirst()
                .orElse(null);
    }
}

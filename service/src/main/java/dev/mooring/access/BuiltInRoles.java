package dev.mooring.access;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Azure's built-in roles that Mooring honours, with Azure's real ids and action lists, so that role
 * assignments made with the Azure CLI or SDKs mean what they mean in Azure. Source: "Azure built-in
 * roles" (learn.microsoft.com/azure/role-based-access-control/built-in-roles; MicrosoftDocs/azure-docs
 * articles/role-based-access-control/built-in-roles/{privileged,general,containers,management-and-governance}.md).
 */
public final class BuiltInRoles {

    public static final UUID OWNER = UUID.fromString("8e3af657-a8ff-443c-a75c-2fe8c4bcb635");
    public static final UUID CONTRIBUTOR = UUID.fromString("b24988ac-6180-42a0-ab88-20f7382dd24c");
    public static final UUID READER = UUID.fromString("acdd72a7-3385-48ef-bd42-f606fba81ae7");
    public static final UUID USER_ACCESS_ADMINISTRATOR = UUID.fromString("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9");
    /** "Kubernetes Cluster - Azure Arc Onboarding": create and read connected clusters, nothing more. */
    public static final UUID ARC_ONBOARDING = UUID.fromString("34e09817-6cbe-4d01-b1a2-e0eac5743d41");
    /** "Azure Arc Enabled Kubernetes Cluster User Role": list a cluster's user credentials. */
    public static final UUID ARC_CLUSTER_USER = UUID.fromString("00493d72-78f6-4148-b6c5-d3ce8e4799dd");

    /** "EventGrid EventSubscription Contributor": manage event subscriptions. */
    public static final UUID EVENT_SUBSCRIPTION_CONTRIBUTOR = UUID.fromString("428e0ff0-5e57-4d9c-a221-2c70d0e0a443");
    /** "EventGrid EventSubscription Reader": read event subscriptions. */
    public static final UUID EVENT_SUBSCRIPTION_READER = UUID.fromString("2414bbcf-6497-4faf-8c65-045460748405");

    static final List<RoleDefinition> ALL = List.of(
            new RoleDefinition(OWNER, "Owner",
                    "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
                    List.of("*"), List.of(), List.of(), List.of()),
            new RoleDefinition(CONTRIBUTOR, "Contributor",
                    "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.",
                    List.of("*"),
                    List.of("Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write",
                            "Microsoft.Authorization/elevateAccess/Action", "Microsoft.Blueprint/blueprintAssignments/write",
                            "Microsoft.Blueprint/blueprintAssignments/delete", "Microsoft.Compute/galleries/share/action",
                            "Microsoft.Purview/consents/write", "Microsoft.Purview/consents/delete",
                            "Microsoft.Resources/deploymentStacks/manageDenySetting/action",
                            "Microsoft.Subscription/cancel/action", "Microsoft.Subscription/enable/action"),
                    List.of(), List.of()),
            new RoleDefinition(READER, "Reader", "View all resources, but does not allow you to make any changes.",
                    List.of("*/read"), List.of(), List.of(), List.of()),
            new RoleDefinition(USER_ACCESS_ADMINISTRATOR, "User Access Administrator",
                    "Lets you manage user access to Azure resources.",
                    List.of("*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"), List.of(), List.of(), List.of()),
            new RoleDefinition(ARC_ONBOARDING, "Kubernetes Cluster - Azure Arc Onboarding",
                    "Role definition to authorize any user/service to create connectedClusters resource",
                    List.of("Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*",
                            "Microsoft.Resources/deployments/write", "Microsoft.Resources/subscriptions/operationresults/read",
                            "Microsoft.Resources/subscriptions/read", "Microsoft.Resources/subscriptions/resourceGroups/read",
                            "Microsoft.Kubernetes/connectedClusters/Write", "Microsoft.Kubernetes/connectedClusters/read",
                            "Microsoft.Support/*"),
                    List.of(), List.of(), List.of()),
            new RoleDefinition(ARC_CLUSTER_USER, "Azure Arc Enabled Kubernetes Cluster User Role",
                    "List cluster user credentials action.",
                    List.of("Microsoft.Resources/deployments/write", "Microsoft.Resources/subscriptions/operationresults/read",
                            "Microsoft.Resources/subscriptions/read", "Microsoft.Resources/subscriptions/resourceGroups/read",
                            "Microsoft.Kubernetes/connectedClusters/listClusterUserCredentials/action",
                            "Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.Support/*",
                            "Microsoft.Kubernetes/connectedClusters/listClusterUserCredential/action"),
                    List.of(), List.of(), List.of()),
            new RoleDefinition(EVENT_SUBSCRIPTION_CONTRIBUTOR, "EventGrid EventSubscription Contributor",
                    "Lets you manage EventGrid event subscription operations.",
                    List.of("Microsoft.Authorization/*/read", "Microsoft.EventGrid/eventSubscriptions/*",
                            "Microsoft.EventGrid/topicTypes/eventSubscriptions/read",
                            "Microsoft.EventGrid/locations/eventSubscriptions/read",
                            "Microsoft.EventGrid/locations/topicTypes/eventSubscriptions/read",
                            "Microsoft.Insights/alertRules/*", "Microsoft.Resources/deployments/*",
                            "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*"),
                    List.of(), List.of(), List.of()),
            new RoleDefinition(EVENT_SUBSCRIPTION_READER, "EventGrid EventSubscription Reader",
                    "Lets you read EventGrid event subscriptions.",
                    List.of("Microsoft.Authorization/*/read", "Microsoft.EventGrid/eventSubscriptions/read",
                            "Microsoft.EventGrid/topicTypes/eventSubscriptions/read",
                            "Microsoft.EventGrid/locations/eventSubscriptions/read",
                            "Microsoft.EventGrid/locations/topicTypes/eventSubscriptions/read",
                            "Microsoft.Resources/subscriptions/resourceGroups/read"),
                    List.of(), List.of(), List.of()));

    private static final Map<UUID, RoleDefinition> BY_ID = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(RoleDefinition::id, Function.identity()));

    private BuiltInRoles() {
    }

    static Optional<RoleDefinition> byId(UUID id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    static Optional<RoleDefinition> byName(String roleName) {
        return ALL.stream().filter(role -> role.roleName().toLowerCase(Locale.ROOT)
                .equals(roleName.toLowerCase(Locale.ROOT))).findFirst();
    }
}

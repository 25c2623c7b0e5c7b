package dev.mooring.notifications;

import java.util.List;

/** The CloudEvents {@code type}s Mooring sends; a subscription's {@code includedEventTypes} names some of them. */
public final class EventTypes {

    public static final String CONNECTIVITY_CHANGED = "Microsoft.Kubernetes.ConnectedClusterConnectivityChanged";
    public static final String AGENT_VERSION_CHANGED = "Microsoft.Kubernetes.ConnectedClusterAgentVersionChanged";
    public static final String KUBERNETES_VERSION_CHANGED = "Microsoft.Kubernetes.ConnectedClusterKubernetesVersionChanged";
    public static final String IDENTITY_EXPIRING_SOON = "Microsoft.Kubernetes.ConnectedClusterIdentityExpiringSoon";
    public static final String CLUSTER_CREATED = "Microsoft.Kubernetes.ConnectedClusterCreated";
    public static final String CLUSTER_DELETED = "Microsoft.Kubernetes.ConnectedClusterDeleted";
    public static final String CONFIGURATION_COMPLIANCE_CHANGED =
            "Microsoft.KubernetesConfiguration.SourceControlConfigurationComplianceChanged";

    /** Every type, for validating filters (V60's triggers write the cluster and configuration ones). */
    public static final List<String> ALL = List.of(CONNECTIVITY_CHANGED, AGENT_VERSION_CHANGED,
            KUBERNETES_VERSION_CHANGED, IDENTITY_EXPIRING_SOON, CLUSTER_CREATED, CLUSTER_DELETED,
            CONFIGURATION_COMPLIANCE_CHANGED);

    private EventTypes() {
    }
}

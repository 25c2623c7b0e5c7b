package dev.mooring.clusters;

import java.util.Map;

/**
 * What a PUT of a connected cluster asks for, in version-free terms. {@code v2024} holds the fields only
 * 2024-01-01 knows; it is null when an older version wrote, which leaves those fields as they are.
 */
record ClusterSpec(String location, Map<String, String> tags, String identityType, AgentPublicKey agentPublicKey,
        String distribution, String infrastructure, String provisioningState, V2024 v2024) {

    static final String SYSTEM_ASSIGNED = "SystemAssigned";
    static final String NONE = "None";

    /** Fields 2024-01-01 added. Null values are cleared (or take the spec's default). */
    record V2024(String kind, String distributionVersion, String privateLinkState, String privateLinkScopeResourceId,
            String azureHybridBenefit, Map<String, Object> aadProfile, Map<String, Object> arcAgentProfile) {
    }
}

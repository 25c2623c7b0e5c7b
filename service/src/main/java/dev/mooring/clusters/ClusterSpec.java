package dev.mooring.clusters;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What a PUT of a connected cluster asks for, in version-free terms. Location, tags, identity, the onboarding
 * key, distribution and infrastructure every version writes; the other properties only where the writer's
 * api-version defines them: {@code written} names those, and a property it does not name is left as stored.
 * A written property that is null is cleared (or takes its default).
 */
record ClusterSpec(String location, Map<String, String> tags, String identityType, AgentPublicKey agentPublicKey,
        String distribution, String infrastructure, String provisioningState, Set<Property> written, String kind,
        String distributionVersion, String privateLinkState, String privateLinkScopeResourceId,
        String azureHybridBenefit, Map<String, Object> aadProfile, Map<String, Object> arcAgentProfile) {

    static final String SYSTEM_ASSIGNED = "SystemAssigned";
    static final String NONE = "None";

    /** The properties that some api-versions define and others do not. */
    enum Property {
        KIND, DISTRIBUTION_VERSION, PRIVATE_LINK_STATE, PRIVATE_LINK_SCOPE_RESOURCE_ID, AZURE_HYBRID_BENEFIT,
        AAD_PROFILE, ARC_AGENT_PROFILE
    }

    ClusterSpec {
        written = written.isEmpty() ? EnumSet.noneOf(Property.class) : EnumSet.copyOf(written);
    }

    /** A spec that writes only what every version writes. */
    static ClusterSpec common(String location, Map<String, String> tags, String identityType,
            AgentPublicKey agentPublicKey, String distribution, String infrastructure, String provisioningState) {
        return new ClusterSpec(location, tags, identityType, agentPublicKey, distribution, infrastructure,
                provisioningState, Set.of(), null, null, null, null, null, null, null);
    }

    boolean writes(Property property) {
        return written.contains(property);
    }

    ClusterSpec withLocation(String newLocation) {
        return new ClusterSpec(newLocation, tags, identityType, agentPublicKey, distribution, infrastructure,
                provisioningState, written, kind, distributionVersion, privateLinkState, privateLinkScopeResourceId,
                azureHybridBenefit, aadProfile, arcAgentProfile);
    }
}

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
        String azureHybridBenefit, Map<String, Object> aadProfile, Map<String, Object> arcAgentProfile,
        Profiles2026 profiles2026) {

    static final String SYSTEM_ASSIGNED = "SystemAssigned";
    static final String NONE = "None";

    /** The properties that some api-versions define and others do not. */
    enum Property {
        KIND, DISTRIBUTION_VERSION, PRIVATE_LINK_STATE, PRIVATE_LINK_SCOPE_RESOURCE_ID, AZURE_HYBRID_BENEFIT,
        AAD_PROFILE, ARC_AGENT_PROFILE, SYSTEM_COMPONENTS, OIDC_ISSUER_PROFILE, SECURITY_PROFILE, GATEWAY,
        ARC_AGENTRY_CONFIGURATIONS
    }

    /** The properties 2024-01-01 defines beyond the common ones. */
    static final Set<Property> SINCE_2024 = EnumSet.of(Property.KIND, Property.DISTRIBUTION_VERSION,
            Property.PRIVATE_LINK_STATE, Property.PRIVATE_LINK_SCOPE_RESOURCE_ID, Property.AZURE_HYBRID_BENEFIT,
            Property.AAD_PROFILE, Property.ARC_AGENT_PROFILE);

    /**
     * What 2026-05-01 (and the previews it serves) adds: the user-specified system components, the OIDC issuer,
     * workload identity, the gateway switch and the Arc agentry configurations.
     */
    record Profiles2026(java.util.List<Map<String, Object>> systemComponents, Boolean oidcIssuerEnabled,
            String selfHostedIssuerUrl, Boolean workloadIdentityEnabled, Boolean gatewayEnabled,
            java.util.List<AgentryConfiguration> agentryConfigurations) {

        static final Profiles2026 NONE = new Profiles2026(null, null, null, null, null, null);
    }

    /**
     * One Arc agentry configuration. {@code protectedSettings} null: keep what is stored for the feature (a
     * GET never shows them, so a read-modify-write must not wipe them); otherwise the new set.
     */
    record AgentryConfiguration(String feature, Map<String, String> settings, Map<String, String> protectedSettings) {

        /** Never prints the protected settings. */
        @Override
        public String toString() {
            return "AgentryConfiguration[" + feature + "]";
        }
    }

    ClusterSpec {
        profiles2026 = profiles2026 == null ? Profiles2026.NONE : profiles2026;
        written = written.isEmpty() ? EnumSet.noneOf(Property.class) : EnumSet.copyOf(written);
    }

    /** A spec that writes only what every version writes. */
    static ClusterSpec common(String location, Map<String, String> tags, String identityType,
            AgentPublicKey agentPublicKey, String distribution, String infrastructure, String provisioningState) {
        return new ClusterSpec(location, tags, identityType, agentPublicKey, distribution, infrastructure,
                provisioningState, Set.of(), null, null, null, null, null, null, null, Profiles2026.NONE);
    }

    boolean writes(Property property) {
        return written.contains(property);
    }

    ClusterSpec withLocation(String newLocation) {
        return new ClusterSpec(newLocation, tags, identityType, agentPublicKey, distribution, infrastructure,
                provisioningState, written, kind, distributionVersion, privateLinkState, privateLinkScopeResourceId,
                azureHybridBenefit, aadProfile, arcAgentProfile, profiles2026);
    }

    /** This spec with what 2026-05-01 adds, writing {@code more} properties besides. */
    ClusterSpec with2026(Profiles2026 profiles, Set<Property> more) {
        EnumSet<Property> all = written.isEmpty() ? EnumSet.noneOf(Property.class) : EnumSet.copyOf(written);
        all.addAll(more);
        return new ClusterSpec(location, tags, identityType, agentPublicKey, distribution, infrastructure,
                provisioningState, all, kind, distributionVersion, privateLinkState, privateLinkScopeResourceId,
                azureHybridBenefit, aadProfile, arcAgentProfile, profiles);
    }
}

package dev.mooring.tenancy;

import java.util.List;

/** A resource provider as {@code GET /subscriptions/{s}/providers/{ns}} returns it (Microsoft.Resources Provider). */
record ProviderView(String id, String namespace, String registrationState, String registrationPolicy,
        List<ResourceTypeView> resourceTypes) {

    record ResourceTypeView(String resourceType, List<String> locations, List<String> apiVersions, String capabilities) {
    }

    record Page(List<ProviderView> value) {
    }

    static ProviderView of(String subscriptionId, ProviderCatalog.Provider provider, String state, List<Region> served) {
        List<String> locations = served.stream().map(Region::displayName).toList();
        return new ProviderView("/subscriptions/" + subscriptionId + "/providers/" + provider.namespace(),
                provider.namespace(), state, provider.alwaysRegistered() ? "RegistrationFree" : "RegistrationRequired",
                provider.resourceTypes().stream().map(type -> new ResourceTypeView(type.resourceType(),
                        type.regional() ? locations : List.of(), type.apiVersions(), type.capabilities())).toList());
    }
}

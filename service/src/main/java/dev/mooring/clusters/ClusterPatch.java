package dev.mooring.clusters;

import java.util.Map;
import java.util.Optional;

/**
 * What a PATCH asks for: tags (null: unchanged; otherwise the whole new set) and the properties the
 * caller's version may patch, as JSON merge-patch: an absent property is unchanged, a null one cleared.
 */
record ClusterPatch(Map<String, String> tags, Optional<Optional<String>> distribution,
        Optional<Optional<String>> distributionVersion, Optional<Optional<String>> azureHybridBenefit,
        Optional<Optional<Boolean>> gatewayEnabled) {

    static ClusterPatch tagsOnly(Map<String, String> tags) {
        return new ClusterPatch(tags, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    ClusterPatch withGateway(Optional<Optional<Boolean>> gateway) {
        return new ClusterPatch(tags, distribution, distributionVersion, azureHybridBenefit, gateway);
    }
}

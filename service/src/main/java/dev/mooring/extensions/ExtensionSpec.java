package dev.mooring.extensions;

import java.util.Map;

/**
 * What a PUT (or a PATCH merged onto the stored extension) asks for, in version-free terms, validated in form.
 * {@code version} is the pinned version (null: follow the release train). {@code scope} is {@code cluster} or
 * {@code namespace}; {@code namespace} is the release namespace or the target namespace.
 * {@code protectedSettings} is null when the request has none (stored ones are kept).
 */
record ExtensionSpec(String extensionType, String releaseTrain, String version, boolean autoUpgradeMinorVersion,
        String autoUpgradeMode, String scope, String namespace, Map<String, String> configurationSettings,
        Map<String, String> protectedSettings, boolean systemAssignedIdentity) {

    static final String CLUSTER = "cluster";
    static final String NAMESPACE = "namespace";

    /** This spec in {@code namespace} (the release or target namespace). */
    ExtensionSpec inNamespace(String namespace) {
        return new ExtensionSpec(extensionType, releaseTrain, version, autoUpgradeMinorVersion, autoUpgradeMode, scope,
                namespace, configurationSettings, protectedSettings, systemAssignedIdentity);
    }

    /** Never prints the protected settings' values. */
    @Override
    public String toString() {
        return "ExtensionSpec[extensionType=" + extensionType + ", releaseTrain=" + releaseTrain + ", version="
                + version + ", scope=" + scope + "/" + namespace + ", protectedSettings="
                + (protectedSettings == null ? "none" : protectedSettings.keySet()) + "]";
    }
}

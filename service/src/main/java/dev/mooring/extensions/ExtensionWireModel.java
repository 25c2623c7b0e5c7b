package dev.mooring.extensions;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.WireModels;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One api-version's wire model of an extension, with its converters to and from the internal model. No version
 * ever shows {@code configurationProtectedSettings}: Mooring does not return protected settings, not even masked.
 */
interface ExtensionWireModel extends WireModels.Versioned {

    /** The extension as this version shows it. */
    Object view(ClusterExtension extension, String resourceId);

    /** A PUT body read as this version defines it, validated in form; {@code name} is the extension's name. */
    ExtensionSpec readPut(JsonNode body, String name);

    /** A PATCH body read as this version defines it, applied to the stored extension's spec. */
    ExtensionSpec readPatch(JsonNode body, ExtensionSpec stored);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ClusterScope(String releaseNamespace) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NamespaceScope(String targetNamespace) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Scope(ClusterScope cluster, NamespaceScope namespace) {

        static Scope of(ClusterExtension e) {
            return ExtensionSpec.CLUSTER.equals(e.scope()) ? new Scope(new ClusterScope(e.namespace()), null)
                    : new Scope(null, new NamespaceScope(e.namespace()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorInfo(String code, String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Identity(String type, String principalId, String tenantId) {

        static Identity of(ClusterExtension e) {
            return e.identityType() == null ? null : new Identity(e.identityType(),
                    e.principalId() == null ? null : e.principalId().toString(),
                    e.identityTenantId() == null ? null : e.identityTenantId().toString());
        }
    }

    /**
     * The properties both versions show; {@code autoUpgradeMode} only in versions that define it (null hides it).
     * {@code version} is what the extension is set to install: the pinned version or the train's newest.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Properties(String extensionType, String autoUpgradeMode, boolean autoUpgradeMinorVersion,
            String releaseTrain, String version, Scope scope, Map<String, String> configurationSettings,
            String currentVersion, String provisioningState,
            List<ExtensionStatus> statuses, ErrorInfo errorInfo, String packageUri, boolean isSystemExtension) {

        static Properties of(ClusterExtension e, boolean showAutoUpgradeMode) {
            return new Properties(e.extensionType(),
                    showAutoUpgradeMode ? (e.autoUpgradeMode() == null ? "compatible" : e.autoUpgradeMode()) : null,
                    e.autoUpgradeMinorVersion(), e.releaseTrain(), e.targetVersion(), Scope.of(e),
                    e.configurationSettings(), e.currentVersion(), e.provisioningState(), e.statuses(),
                    e.errorCode() == null ? null : new ErrorInfo(e.errorCode(), e.errorMessage()), e.packageUri(),
                    e.isSystemExtension());
        }
    }
}

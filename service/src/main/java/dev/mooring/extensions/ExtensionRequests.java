package dev.mooring.extensions;

import dev.mooring.arm.Bounded;
import dev.mooring.arm.JsonFields;
import dev.mooring.arm.errors.ArmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads and validates extension PUT and PATCH bodies (2023-05-01 and 2025-03-01 define the same writable
 * properties, 2025-03-01 adds {@code autoUpgradeMode}). Messages never quote protected setting values.
 */
final class ExtensionRequests {

    static final String DEFAULT_TRAIN = "Stable";
    static final List<String> AUTO_UPGRADE_MODES = List.of("none", "patch", "compatible");
    static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$");
    static final int MAX_SETTINGS = 200;
    static final int MAX_SETTING_LENGTH = 16384;

    private ExtensionRequests() {
    }

    /**
     * A PUT body. With no scope the extension is cluster-scoped; a namespace left out (null here) is the
     * catalogue's default for a cluster scope and the extension's name for a namespace scope.
     */
    static ExtensionSpec readPut(JsonNode body, String name, boolean autoUpgradeModeDefined) {
        JsonFields.requireObject(body, "body");
        JsonNode p = JsonFields.object(body, "properties", "properties");
        if (p == null) {
            throw ArmException.badRequest("InvalidParameter", "The property 'properties' is required.", "properties");
        }
        if (JsonFields.object(body, "plan", "plan") != null) {
            throw ArmException.badRequest("InvalidParameter", "The extension catalogue offers no Marketplace plans:"
                    + " leave 'plan' out.", "plan");
        }
        String type = JsonFields.string(p, "extensionType", "properties.extensionType");
        if (type == null || type.isBlank()) {
            throw ArmException.badRequest("InvalidParameter", "The property 'extensionType' is required.",
                    "properties.extensionType");
        }
        Boolean autoUpgrade = JsonFields.bool(p, "autoUpgradeMinorVersion", "properties.autoUpgradeMinorVersion");
        String train = JsonFields.string(p, "releaseTrain", "properties.releaseTrain");
        String[] scope = scope(JsonFields.object(p, "scope", "properties.scope"), name);
        ExtensionSpec spec = new ExtensionSpec(type, train == null ? DEFAULT_TRAIN : train,
                JsonFields.string(p, "version", "properties.version"), autoUpgrade == null || autoUpgrade,
                autoUpgradeModeDefined ? autoUpgradeMode(p) : null, scope[0], scope[1],
                settings(p, "configurationSettings"), protectedSettings(p), systemAssigned(body));
        requireVersionRule(spec);
        return spec;
    }

    /** A PATCH body applied to {@code stored}: only the properties it names change. */
    static ExtensionSpec readPatch(JsonNode body, ExtensionSpec stored, boolean autoUpgradeModeDefined) {
        JsonFields.requireObject(body, "body");
        JsonNode p = JsonFields.object(body, "properties", "properties");
        if (p == null) {
            return stored;
        }
        Boolean autoUpgrade = JsonFields.bool(p, "autoUpgradeMinorVersion", "properties.autoUpgradeMinorVersion");
        String train = JsonFields.string(p, "releaseTrain", "properties.releaseTrain");
        String version = p.has("version") ? JsonFields.string(p, "version", "properties.version")
                : Boolean.TRUE.equals(autoUpgrade) ? null : stored.version();
        String mode = autoUpgradeModeDefined && p.has("autoUpgradeMode") ? autoUpgradeMode(p) : stored.autoUpgradeMode();
        Map<String, String> settings = new LinkedHashMap<>(stored.configurationSettings());
        JsonNode changes = JsonFields.object(p, "configurationSettings", "properties.configurationSettings");
        if (changes != null) {
            for (var change : changes.properties()) {
                if (change.getValue().isNull()) {
                    settings.remove(change.getKey());
                } else {
                    settings.put(change.getKey(), JsonFields.string(changes, change.getKey(),
                            "properties.configurationSettings." + change.getKey()));
                }
            }
            requireSettingsLimits(settings, "properties.configurationSettings");
        }
        ExtensionSpec spec = new ExtensionSpec(stored.extensionType(), train == null ? stored.releaseTrain() : train,
                version, autoUpgrade == null ? stored.autoUpgradeMinorVersion() : autoUpgrade, mode, stored.scope(),
                stored.namespace(), settings, protectedSettings(p), stored.systemAssignedIdentity());
        requireVersionRule(spec);
        return spec;
    }

    /** A version is pinned only with auto-upgrade off. */
    static void requireVersionRule(ExtensionSpec spec) {
        if (spec.version() != null && spec.autoUpgradeMinorVersion()) {
            throw ArmException.badRequest("InvalidParameter", "Both 'autoUpgradeMinorVersion' and 'version' are set:"
                    + " to pin the extension to a version, set 'autoUpgradeMinorVersion' to false; to follow the"
                    + " release train, leave 'version' out.", "properties.version");
        }
    }

    private static String[] scope(JsonNode scope, String name) {
        JsonNode cluster = JsonFields.object(scope, "cluster", "properties.scope.cluster");
        JsonNode namespace = JsonFields.object(scope, "namespace", "properties.scope.namespace");
        if (cluster != null && namespace != null) {
            throw ArmException.badRequest("InvalidParameter", "The scope is either 'cluster' or 'namespace', not both.",
                    "properties.scope");
        }
        if (namespace != null) {
            String target = JsonFields.string(namespace, "targetNamespace", "properties.scope.namespace.targetNamespace");
            return new String[] {ExtensionSpec.NAMESPACE, namespace(target == null
                    ? name.toLowerCase(java.util.Locale.ROOT) : target, "properties.scope.namespace.targetNamespace")};
        }
        String release = JsonFields.string(cluster, "releaseNamespace", "properties.scope.cluster.releaseNamespace");
        return new String[] {ExtensionSpec.CLUSTER,
                release == null ? null : namespace(release, "properties.scope.cluster.releaseNamespace")};
    }

    static String namespace(String value, String target) {
        if (!NAMESPACE.matcher(value).matches()) {
            throw ArmException.badRequest("InvalidParameter", "'" + Bounded.text(value) + "' is not a Kubernetes"
                    + " namespace name (at most 63 lowercase letters, digits and '-', starting and ending with a letter"
                    + " or digit).", target);
        }
        return value;
    }

    private static String autoUpgradeMode(JsonNode p) {
        return JsonFields.oneOf(JsonFields.string(p, "autoUpgradeMode", "properties.autoUpgradeMode"),
                AUTO_UPGRADE_MODES, "properties.autoUpgradeMode");
    }

    private static Map<String, String> settings(JsonNode p, String field) {
        Map<String, String> settings = JsonFields.stringMap(p, field, "properties." + field);
        if (settings == null) {
            return Map.of();
        }
        requireSettingsLimits(settings, "properties." + field);
        return settings;
    }

    /** Checked by count and size only: values never appear in any message. */
    private static Map<String, String> protectedSettings(JsonNode p) {
        JsonNode node = JsonFields.object(p, "configurationProtectedSettings", "properties.configurationProtectedSettings");
        if (node == null) {
            return null;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (var entry : node.properties()) {
            if (!entry.getValue().isString()) {
                throw ArmException.badRequest("InvalidRequestContent", "The protected setting '"
                        + Bounded.text(entry.getKey()) + "' must be a string.", "properties.configurationProtectedSettings");
            }
            settings.put(entry.getKey(), entry.getValue().stringValue());
        }
        requireSettingsLimits(settings, "properties.configurationProtectedSettings");
        return settings;
    }

    private static void requireSettingsLimits(Map<String, String> settings, String target) {
        if (settings.size() > MAX_SETTINGS) {
            throw ArmException.badRequest("InvalidParameter", "'" + target + "' has more than " + MAX_SETTINGS
                    + " settings.", target);
        }
        for (var entry : settings.entrySet()) {
            if (entry.getKey().isBlank() || entry.getKey().length() > 253 || entry.getValue().length() > MAX_SETTING_LENGTH) {
                throw ArmException.badRequest("InvalidParameter", "Each setting of '" + target + "' needs a name of 1 to"
                        + " 253 characters and a value of at most " + MAX_SETTING_LENGTH + " characters.", target);
            }
        }
    }

    private static boolean systemAssigned(JsonNode body) {
        JsonNode identity = JsonFields.object(body, "identity", "identity");
        String type = JsonFields.oneOf(JsonFields.string(identity, "type", "identity.type"),
                List.of("SystemAssigned", "None"), "identity.type");
        return "SystemAssigned".equals(type);
    }
}

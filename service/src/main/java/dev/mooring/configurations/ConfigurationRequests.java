package dev.mooring.configurations;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.JsonFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads and validates a source control configuration PUT body (all three api-versions define the same
 * writable properties; 2019-11-01-preview sends {@code enableHelmOperator} as the string "true"/"false").
 * Error messages never quote protected setting values.
 */
final class ConfigurationRequests {

    static final Pattern NAME = Pattern.compile("^[a-z0-9](?:[-.a-z0-9]{0,61}[a-z0-9])?$");
    static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9](?:[-a-z0-9]{0,21}[a-z0-9])?$");
    static final Pattern HTTP_URL = Pattern.compile("^https?://[^\\s/$.?#][^\\s]*$", Pattern.CASE_INSENSITIVE);
    static final Pattern SSH_URL = Pattern.compile("^(ssh://[^\\s]+|git@[^\\s:]+:[^\\s]+)$", Pattern.CASE_INSENSITIVE);
    static final int MAX_OPERATOR_PARAMS = 2048;
    static final int MAX_CHART_VALUES = 16384;
    static final Set<String> PROTECTED_KEYS = Set.of("sshPrivateKey", "httpsUser", "httpsKey");

    private ConfigurationRequests() {
    }

    static void requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ArmException.badRequest("InvalidConfigurationName", "The configuration name '" + Bounded.text(name)
                    + "' is not valid: use at most 63 lowercase letters, digits, '-' and '.', starting and ending with a"
                    + " letter or digit.", "sourceControlConfigurationName");
        }
    }

    static ConfigurationSpec read(JsonNode body, String name, boolean stringHelmFlag) {
        JsonFields.requireObject(body, "body");
        JsonNode p = JsonFields.object(body, "properties", "properties");
        if (p == null) {
            throw ArmException.badRequest("InvalidParameter", "The property 'properties' is required.", "properties");
        }
        String url = JsonFields.string(p, "repositoryUrl", "properties.repositoryUrl");
        boolean https = url != null && url.regionMatches(true, 0, "https://", 0, 8);
        boolean ssh = url != null && SSH_URL.matcher(url).matches();
        if (url == null || !(HTTP_URL.matcher(url).matches() || ssh)) {
            throw ArmException.badRequest("InvalidParameter", "The property 'repositoryUrl' is required and must be an"
                    + " http://, https://, ssh:// or git@host:path URL.", "properties.repositoryUrl");
        }
        String namespace = label(JsonFields.string(p, "operatorNamespace", "properties.operatorNamespace"), "default",
                "properties.operatorNamespace");
        String instance = label(JsonFields.string(p, "operatorInstanceName", "properties.operatorInstanceName"),
                name.length() <= 23 ? name : null, "properties.operatorInstanceName");
        String operatorType = JsonFields.oneOf(JsonFields.string(p, "operatorType", "properties.operatorType"),
                List.of("Flux"), "properties.operatorType");
        String scope = JsonFields.oneOf(JsonFields.string(p, "operatorScope", "properties.operatorScope"),
                List.of("cluster", "namespace"), "properties.operatorScope");
        String params = JsonFields.string(p, "operatorParams", "properties.operatorParams");
        if (params != null && params.length() > MAX_OPERATOR_PARAMS) {
            throw ArmException.badRequest("InvalidParameter", "The property 'operatorParams' is longer than "
                    + MAX_OPERATOR_PARAMS + " characters.", "properties.operatorParams");
        }
        String knownHosts = JsonFields.string(p, "sshKnownHostsContents", "properties.sshKnownHostsContents");
        if (knownHosts != null && !JsonFields.isBase64(knownHosts)) {
            throw ArmException.badRequest("InvalidParameter", "The property 'sshKnownHostsContents' must be base64.",
                    "properties.sshKnownHostsContents");
        }
        Boolean helm = helmFlag(p, stringHelmFlag);
        JsonNode helmProperties = JsonFields.object(p, "helmOperatorProperties", "properties.helmOperatorProperties");
        String chartVersion = JsonFields.string(helmProperties, "chartVersion", "properties.helmOperatorProperties.chartVersion");
        String chartValues = JsonFields.string(helmProperties, "chartValues", "properties.helmOperatorProperties.chartValues");
        if (chartValues != null && chartValues.length() > MAX_CHART_VALUES) {
            throw ArmException.badRequest("InvalidParameter", "The property 'chartValues' is longer than "
                    + MAX_CHART_VALUES + " characters.", "properties.helmOperatorProperties.chartValues");
        }
        Map<String, String> secrets = protectedSettings(p, https, ssh);
        return new ConfigurationSpec(url, namespace, instance, operatorType == null ? "Flux" : operatorType,
                scope == null ? "cluster" : scope, params, knownHosts, helm, chartVersion, chartValues, secrets);
    }

    private static String label(String value, String fallback, String target) {
        String label = value == null ? fallback : value;
        if (label == null || !DNS_LABEL.matcher(label).matches()) {
            throw ArmException.badRequest("InvalidParameter", "The property '" + target.substring(target.indexOf('.') + 1)
                    + "' must be a DNS-1123 label of at most 23 characters (lowercase letters, digits and '-', starting"
                    + " and ending with a letter or digit); got '" + Bounded.text(label) + "'.", target);
        }
        return label;
    }

    private static Boolean helmFlag(JsonNode p, boolean stringAllowed) {
        JsonNode value = p.get("enableHelmOperator");
        if (value == null || value.isNull()) {
            return null;
        }
        if (stringAllowed && value.isString()) {
            String text = value.stringValue();
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        return JsonFields.bool(p, "enableHelmOperator", "properties.enableHelmOperator");
    }

    /** The protected settings, checked by key and form only: values never appear in any message. */
    private static Map<String, String> protectedSettings(JsonNode p, boolean https, boolean ssh) {
        JsonNode node = JsonFields.object(p, "configurationProtectedSettings", "properties.configurationProtectedSettings");
        if (node == null) {
            return null;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (var entry : node.properties()) {
            String key = entry.getKey();
            if (!PROTECTED_KEYS.contains(key)) {
                throw ArmException.badRequest("InvalidParameter", "The protected setting '" + Bounded.text(key)
                        + "' is not one of sshPrivateKey, httpsUser, httpsKey.", "properties.configurationProtectedSettings");
            }
            if (!entry.getValue().isString() || entry.getValue().stringValue().isEmpty()
                    || !JsonFields.isBase64(entry.getValue().stringValue())) {
                throw ArmException.badRequest("InvalidParameter", "The protected setting '" + key
                        + "' must be a non-empty base64 string.", "properties.configurationProtectedSettings." + key);
            }
            settings.put(key, entry.getValue().stringValue());
        }
        if (settings.containsKey("sshPrivateKey") && !ssh) {
            throw ArmException.badRequest("InvalidParameter", "'sshPrivateKey' goes only with an ssh:// or git@ repository"
                    + " URL.", "properties.configurationProtectedSettings.sshPrivateKey");
        }
        if ((settings.containsKey("httpsUser") || settings.containsKey("httpsKey")) && !https) {
            throw ArmException.badRequest("InvalidParameter", "'httpsUser' and 'httpsKey' go only with an https://"
                    + " repository URL.", "properties.configurationProtectedSettings");
        }
        if (settings.containsKey("httpsUser") != settings.containsKey("httpsKey")) {
            throw ArmException.badRequest("InvalidParameter", "'httpsUser' and 'httpsKey' are given together.",
                    "properties.configurationProtectedSettings");
        }
        return settings;
    }
}

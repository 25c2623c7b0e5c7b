package dev.mooring.configurations;

import java.util.Map;

/**
 * What a PUT of a source control configuration asks for, in version-free terms, validated.
 * {@code protectedSettings} is null when the request has none (existing ones are kept).
 */
record ConfigurationSpec(String repositoryUrl, String operatorNamespace, String operatorInstanceName,
        String operatorType, String operatorScope, String operatorParams, String sshKnownHostsContents,
        Boolean enableHelmOperator, String helmChartVersion, String helmChartValues,
        Map<String, String> protectedSettings) {

    /** Never prints the protected settings. */
    @Override
    public String toString() {
        return "ConfigurationSpec[repositoryUrl=" + repositoryUrl + ", operatorNamespace=" + operatorNamespace
                + ", operatorInstanceName=" + operatorInstanceName + ", protectedSettings="
                + (protectedSettings == null ? "none" : protectedSettings.keySet()) + "]";
    }
}

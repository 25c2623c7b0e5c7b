package dev.mooring.configurations;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.SystemData;
import java.time.Instant;

/**
 * The versioned wire models of a source control configuration. 2021-03-01 and 2023-05-01 define the same
 * resource (with {@code systemData}); 2019-11-01-preview has no {@code systemData} but
 * {@code creationTime}/{@code lastModifiedTime}. None of them ever carries {@code configurationProtectedSettings}:
 * Mooring does not return protected settings, not even masked.
 */
final class ConfigurationWireModels {

    private ConfigurationWireModels() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Helm(String chartVersion, String chartValues) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Compliance(String complianceState, Instant lastConfigApplied, String message, String messageLevel) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Properties(String repositoryUrl, String operatorNamespace, String operatorInstanceName, String operatorType,
            String operatorParams, String operatorScope, String repositoryPublicKey, String sshKnownHostsContents,
            Boolean enableHelmOperator, Helm helmOperatorProperties, String provisioningState, Compliance complianceStatus,
            String creationTime, String lastModifiedTime) {
    }

    /** 2021-03-01 and 2023-05-01. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stable(String id, String name, String type, SystemData systemData, Properties properties) {
    }

    /** 2019-11-01-preview. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Preview(String id, String name, String type, Properties properties) {
    }

    static final String PREVIEW = "2019-11-01-preview";

    static Object view(SourceControlConfiguration c, String resourceId, String apiVersion) {
        boolean preview = PREVIEW.equals(apiVersion);
        SystemData audit = c.systemData();
        Properties properties = new Properties(c.repositoryUrl(), c.operatorNamespace(), c.operatorInstanceName(),
                c.operatorType(), c.operatorParams(), c.operatorScope(), c.repositoryPublicKey(),
                c.sshKnownHostsContents(), c.enableHelmOperator(),
                c.helmChartVersion() == null && c.helmChartValues() == null ? null
                        : new Helm(c.helmChartVersion(), c.helmChartValues()),
                c.provisioningState(),
                new Compliance(c.complianceState(), c.lastConfigApplied(), c.complianceMessage(), c.complianceMessageLevel()),
                preview ? audit.createdAt().toString() : null, preview ? audit.lastModifiedAt().toString() : null);
        return preview ? new Preview(resourceId, c.name(), SourceControlConfiguration.TYPE, properties)
                : new Stable(resourceId, c.name(), SourceControlConfiguration.TYPE, audit, properties);
    }
}

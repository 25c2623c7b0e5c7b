package dev.mooring.configurations;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import dev.mooring.arm.WireModels;
import tools.jackson.databind.JsonNode;

/**
 * One api-version's wire model of a source control configuration, with its explicit converters to and from the
 * internal model. No version ever shows {@code configurationProtectedSettings}: Mooring does not return protected
 * settings, not even masked.
 */
interface ConfigurationWireModel extends WireModels.Versioned {

    /** The configuration as this version shows it. */
    Object view(SourceControlConfiguration configuration, String resourceId);

    /** A PUT body read as this version defines it, validated; {@code name} is the configuration's name. */
    ConfigurationSpec readPut(JsonNode body, String name);

    /** The properties every version shows alike. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Properties(String repositoryUrl, String operatorNamespace, String operatorInstanceName, String operatorType,
            String operatorParams, String operatorScope, String repositoryPublicKey, String sshKnownHostsContents,
            Boolean enableHelmOperator, Helm helmOperatorProperties, String provisioningState, Compliance complianceStatus,
            String creationTime, String lastModifiedTime) {

        static Properties of(SourceControlConfiguration c, String creationTime, String lastModifiedTime) {
            return new Properties(c.repositoryUrl(), c.operatorNamespace(), c.operatorInstanceName(), c.operatorType(),
                    c.operatorParams(), c.operatorScope(), c.repositoryPublicKey(), c.sshKnownHostsContents(),
                    c.enableHelmOperator(),
                    c.helmChartVersion() == null && c.helmChartValues() == null ? null
                            : new Helm(c.helmChartVersion(), c.helmChartValues()),
                    c.provisioningState(),
                    new Compliance(c.complianceState(), c.lastConfigApplied(), c.complianceMessage(),
                            c.complianceMessageLevel()),
                    creationTime, lastModifiedTime);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Helm(String chartVersion, String chartValues) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Compliance(String complianceState, Instant lastConfigApplied, String message, String messageLevel) {
    }
}

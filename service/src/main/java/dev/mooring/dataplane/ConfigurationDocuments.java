package dev.mooring.dataplane;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.configurations.ConfigurationDelivery;
import dev.mooring.configurations.DesiredStateSection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The data plane's wire documents for configuration delivery (docs/data-plane.md), and their converters. */
final class ConfigurationDocuments {

    private ConfigurationDocuments() {
    }

    /** One configuration as the agent applies it ({@code desiredState}: apply or remove). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DesiredConfiguration(String name, String desiredState, String repositoryUrl, String operatorNamespace,
            String operatorInstanceName, String operatorType, String operatorScope, String operatorParams,
            String sshKnownHostsContents, Boolean enableHelmOperator, String helmChartVersion, String helmChartValues,
            Map<String, String> protectedSettings) {

        /** Never prints the protected settings. */
        @Override
        public String toString() {
            return "DesiredConfiguration[" + name + ", " + desiredState + "]";
        }
    }

    /**
     * The answer to {@code GET .../configurations}: the version (also the ETag) and the desired state, with each
     * contributed section (extensions, ...) as a field of its own beside {@code configurations}.
     */
    record Snapshot(String version, List<DesiredConfiguration> configurations,
            @JsonAnyGetter Map<String, List<? extends DesiredStateSection.Entry>> sections) {
    }

    /** What the agent reports about one configuration. */
    record StatusReport(String complianceState, String message, String messageLevel, Instant lastConfigApplied,
            String repositoryPublicKey) {

        ConfigurationDelivery.ComplianceReport toInternal() {
            return new ConfigurationDelivery.ComplianceReport(complianceState, message, messageLevel, lastConfigApplied,
                    repositoryPublicKey);
        }
    }

    static Snapshot snapshot(ConfigurationDelivery.Snapshot snapshot) {
        return new Snapshot(snapshot.version(), snapshot.configurations().stream().map(ConfigurationDocuments::desired)
                .toList(), snapshot.sections());
    }

    static DesiredConfiguration desired(ConfigurationDelivery.Delivered c) {
        return new DesiredConfiguration(c.name(), c.removing() ? "remove" : "apply", c.repositoryUrl(),
                c.operatorNamespace(), c.operatorInstanceName(), c.operatorType(), c.operatorScope(), c.operatorParams(),
                c.sshKnownHostsContents(), c.enableHelmOperator(), c.helmChartVersion(), c.helmChartValues(),
                c.removing() ? null : c.protectedSettings());
    }
}

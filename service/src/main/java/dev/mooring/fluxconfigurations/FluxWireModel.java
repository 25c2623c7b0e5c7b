package dev.mooring.fluxconfigurations;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.SystemData;
import dev.mooring.arm.WireModels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One api-version's wire model of a flux configuration, with its converters to and from the internal
 * {@link FluxSpec}. No version ever shows {@code configurationProtectedSettings} or a secret field of a source.
 */
interface FluxWireModel extends WireModels.Versioned {

    /** The configuration as this version shows it. */
    View view(FluxConfiguration configuration, String resourceId);

    /**
     * A PUT body (or a stored spec with a PATCH merged in) read as this version defines it, validated;
     * {@code updating} when it replaces an existing configuration (whose sealed secrets are kept unless given).
     */
    FluxRequest readPut(JsonNode body, boolean updating);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(String id, String name, String type, SystemData systemData, Properties properties) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Properties(String scope, String namespace, String sourceKind, boolean suspend,
            FluxSpec.GitRepository gitRepository, FluxSpec.Bucket bucket, FluxSpec.AzureBlob azureBlob,
            FluxSpec.OciRepository ociRepository, Map<String, FluxSpec.Kustomization> kustomizations,
            List<FluxStatus.ObjectStatus> statuses, String repositoryPublicKey, String sourceSyncedCommitId,
            Instant sourceUpdatedAt, Instant statusUpdatedAt, Boolean waitForReconciliation,
            String reconciliationWaitDuration, String complianceState, String provisioningState,
            String errorMessage) {

        static Properties of(FluxConfiguration c, FluxSpec s) {
            return new Properties(s.scope(), s.namespace(), s.sourceKind(), s.suspend(), s.gitRepository(), s.bucket(),
                    s.azureBlob(), s.ociRepository(), s.kustomizations(), c.statuses(), c.repositoryPublicKey(),
                    c.sourceSyncedCommitId(), c.sourceUpdatedAt(), c.statusUpdatedAt(), s.waitForReconciliation(),
                    s.reconciliationWaitDuration(), c.complianceState(), c.provisioningState(),
                    c.errorMessage() == null ? "" : c.errorMessage());
        }
    }
}

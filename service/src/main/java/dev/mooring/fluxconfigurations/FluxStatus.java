package dev.mooring.fluxconfigurations;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What a cluster's agent reports about one flux configuration: the overall compliance, one status per Flux object
 * it created (the source and each Kustomization), and what the source last fetched.
 */
public record FluxStatus(String complianceState, List<ObjectStatus> statuses, String sourceSyncedCommitId,
        Instant sourceUpdatedAt, String repositoryPublicKey, String errorMessage) {

    /** The compliance states Arc defines. */
    public static final List<String> COMPLIANCE_STATES = List.of("Compliant", "Non-Compliant", "Pending", "Suspended",
            "Unknown");

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ObjectStatus(String name, String namespace, String kind, String complianceState,
            ObjectReference appliedBy, List<Condition> statusConditions, HelmRelease helmReleaseProperties) {
    }

    public record ObjectReference(String name, String namespace) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Condition(String lastTransitionTime, String message, String reason, String status, String type) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HelmRelease(Long lastRevisionApplied, ObjectReference helmChartRef, Long failureCount,
            Long installFailureCount, Long upgradeFailureCount) {
    }
}
